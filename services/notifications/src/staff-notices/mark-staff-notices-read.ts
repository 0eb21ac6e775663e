import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MarkStaffNoticesReadRequest, StaffNoticesReadReceipt } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { countUnreadNotices, noticeUnits } from './notice-scope';

/**
 * A staff member has read some of their notices (from the console's bell).
 * Reading is each person's own: a colleague of the same unit still sees the
 * notice unread. A notice of a unit the caller holds no role in is ignored,
 * so a guessed id marks nothing; marking twice changes nothing.
 */
@Injectable()
export class MarkStaffNoticesRead {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(request: MarkStaffNoticesReadRequest, principal: Principal): Promise<StaffNoticesReadReceipt> {
    const units = noticeUnits(principal);
    return this.dataSource.transaction(async (manager) => {
      const marked: unknown[] = await manager.query(
        `INSERT INTO staff_notice_reads (username, notice_id, read_at)
         SELECT $1, id, $4 FROM staff_notices WHERE id = ANY ($2) AND unit_code = ANY ($3)
         ON CONFLICT DO NOTHING RETURNING notice_id`,
        [principal.username, request.ids, units, this.clock.now()],
      );
      return { marked: marked.length, unread: await countUnreadNotices(manager, units, principal.username) };
    });
  }
}
