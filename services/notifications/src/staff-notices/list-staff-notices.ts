import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffNoticeKind, StaffNoticeList } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import type { z } from 'zod';
import type { staffNoticesRequestSchema } from '@mc/contracts';
import { displayInstant } from '../display';
import { countUnreadNotices, noticeUnits } from './notice-scope';

/**
 * The notices of the units the caller holds a role in, each with whether the
 * caller has read it, and how many they have not: oldest first after `since`
 * for a poll, or only the unread ones, newest first, for the console's bell.
 */
@Injectable()
export class ListStaffNotices {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: z.infer<typeof staffNoticesRequestSchema>, principal: Principal): Promise<StaffNoticeList> {
    const units = noticeUnits(principal);
    const unreadOnly = request.unread === 'true';
    const rows: { id: string; kind: StaffNoticeKind; unit_code: string; dossier_code: string; text: string; at: Date; read: boolean }[] = await this.dataSource.query(
      `SELECT n.id, n.kind, n.unit_code, n.dossier_code, n.text, n.at, r.notice_id IS NOT NULL AS read
         FROM staff_notices n LEFT JOIN staff_notice_reads r ON r.notice_id = n.id AND r.username = $2
        WHERE n.unit_code = ANY ($1) AND ($3::timestamptz IS NULL OR n.at > $3) AND (NOT $4 OR r.notice_id IS NULL)
        ORDER BY ${unreadOnly ? 'n.at DESC, n.id DESC' : 'n.at, n.id'} LIMIT $5`,
      [units, principal.username, request.since ?? null, unreadOnly, request.limit],
    );
    const notices = rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      unitCode: row.unit_code,
      dossierCode: row.dossier_code,
      text: row.text,
      at: new Date(row.at).toISOString(),
      atDisplay: displayInstant(row.at),
      read: row.read,
    }));
    const latest = unreadOnly ? notices[0]?.at : notices.at(-1)?.at;
    return { notices, unread: await countUnreadNotices(this.dataSource.manager, units, principal.username), latest: latest ?? request.since ?? null };
  }
}
