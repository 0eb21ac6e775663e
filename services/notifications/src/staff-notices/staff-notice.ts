import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { StaffNoticeKind } from '@mc/contracts';

/** Adds a notice for the staff of a unit, once per event and unit however often the event is handled. */
export async function addStaffNotice(
  manager: EntityManager,
  notice: { eventId: string; kind: StaffNoticeKind; unitCode: string; dossierCode: string; text: string; at: string },
): Promise<void> {
  await manager.query(
    `INSERT INTO staff_notices (id, event_id, kind, unit_code, dossier_code, text, at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, unit_code) DO NOTHING`,
    [randomUUID(), notice.eventId, notice.kind, notice.unitCode, notice.dossierCode, notice.text, notice.at],
  );
}
