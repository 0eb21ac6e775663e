import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DOSSIER_STATE_LABELS, type CitizenDossierView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { displayDate, displayInstant } from '../dossiers/display';
import { CHANNEL_BY_CODE, type DossierRow } from '../dossiers/dossier-row';

const LIMIT = 100;

type ListedRow = Pick<
  DossierRow,
  'code' | 'tracking_token' | 'procedure_code' | 'procedure_version' | 'procedure_name' | 'channel' | 'state' | 'received_at' | 'due_at' | 'return_method' | 'electronic_result'
> & { rated: boolean; supplement: { at: string; reason: string | null; details: { missing?: string[] } } | null };

/**
 * A citizen's own dossiers, newest first: the same ones the citizen may open
 * (dossier-row.ts, canRead), decided on the proven ID number alone. An account
 * that proved no number has none here; it tracks by code and token.
 */
@Injectable()
export class ListMyDossiers {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<CitizenDossierView[]> {
    const verified = principal.verifiedIdNumber;
    if (principal.kind !== 'citizen' || verified === undefined) return [];
    const rows: ListedRow[] = await this.dataSource.query(
      `SELECT d.code, d.tracking_token, d.procedure_code, d.procedure_version, d.procedure_name, d.channel, d.state, d.received_at, d.due_at,
              d.return_method, d.electronic_result,
              EXISTS (SELECT 1 FROM dossier_ratings r WHERE r.dossier_id = d.id) AS rated,
              CASE WHEN d.state = 'awaiting_supplement' THEN (
                SELECT h.entry FROM dossier_history h WHERE h.dossier_id = d.id AND h.entry->>'action' = 'request_supplement' ORDER BY h.seq DESC LIMIT 1
              ) END AS supplement
         FROM dossiers d
        WHERE d.applicant_id_number = $1 OR (d.representative_subject = $2 AND d.representative_id_number = $1)
        ORDER BY d.received_at DESC
        LIMIT ${LIMIT}`,
      [verified, principal.subject],
    );
    return rows.map((row) => ({
      code: row.code,
      procedure: { code: row.procedure_code, version: row.procedure_version, name: row.procedure_name },
      channel: CHANNEL_BY_CODE[row.channel] ?? 'counter',
      state: row.state,
      stateLabel: DOSSIER_STATE_LABELS[row.state],
      receivedAtDisplay: displayInstant(row.received_at),
      dueDateDisplay: displayDate(row.due_at),
      returnMethod: row.return_method,
      trackingToken: row.tracking_token,
      supplement: row.supplement
        ? { missing: row.supplement.details.missing ?? [], reason: row.supplement.reason ?? '', requestedAtDisplay: displayInstant(row.supplement.at) }
        : null,
      electronicResult: row.electronic_result === true,
      rated: row.rated,
    }));
  }
}
