import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type StaffNoticeKind, type StaffNoticeList } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import type { z } from 'zod';
import type { staffNoticesRequestSchema } from '@mc/contracts';
import { displayInstant } from '../display';

/** The notices of the units the caller holds a role in, oldest first after `since`, for the console's bell to poll. */
@Injectable()
export class ListStaffNotices {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: z.infer<typeof staffNoticesRequestSchema>, principal: Principal): Promise<StaffNoticeList> {
    const units = [...new Set(principal.roles.map((grant) => grant.unit))];
    if (principal.kind !== 'staff' || !units.length) throw new AppError('FORBIDDEN', 'Chỉ cán bộ có vai trò tại một đơn vị mới xem được thông báo công việc.');
    const rows: { id: string; kind: StaffNoticeKind; unit_code: string; dossier_code: string; text: string; at: Date }[] = await this.dataSource.query(
      `SELECT id, kind, unit_code, dossier_code, text, at FROM staff_notices
        WHERE unit_code = ANY ($1) AND ($2::timestamptz IS NULL OR at > $2) ORDER BY at, id LIMIT $3`,
      [units, request.since ?? null, request.limit],
    );
    const notices = rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      unitCode: row.unit_code,
      dossierCode: row.dossier_code,
      text: row.text,
      at: new Date(row.at).toISOString(),
      atDisplay: displayInstant(row.at),
    }));
    return { notices, latest: notices.at(-1)?.at ?? request.since ?? null };
  }
}
