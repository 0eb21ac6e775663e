import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { StaffNoticeKind } from '@mc/contracts';

export interface StaffNotice {
  eventId: string;
  kind: StaffNoticeKind;
  unitCode: string;
  dossierCode: string;
  text: string;
  at: string;
}

/** Adds notices for the staff of units, in one statement; once per event and unit however often the event is handled. */
export async function addStaffNotices(manager: EntityManager, notices: StaffNotice[]): Promise<void> {
  if (!notices.length) return;
  await manager.query(
    `INSERT INTO staff_notices (id, event_id, kind, unit_code, dossier_code, text, at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
     ON CONFLICT (event_id, unit_code) DO NOTHING`,
    [
      notices.map(() => randomUUID()),
      notices.map((notice) => notice.eventId),
      notices.map((notice) => notice.kind),
      notices.map((notice) => notice.unitCode),
      notices.map((notice) => notice.dossierCode),
      notices.map((notice) => notice.text),
      notices.map((notice) => notice.at),
    ],
  );
}
