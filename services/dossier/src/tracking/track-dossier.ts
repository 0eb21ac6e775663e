import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPrepared } from '@mc/persistence';
import { AppError, DOSSIER_STATE_LABELS, type TrackingView } from '@mc/contracts';
import { displayDate, displayInstant } from '../dossiers/display';
import type { DossierRow } from '../dossiers/dossier-row';
import { FINAL_STATES } from '../handling/transitions';

/** Compares the token given with the dossier's in constant time. */
export const sameToken = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

interface PostalDetails {
  leg: 'pickup' | 'return';
  status: string;
  label: string;
  waybill: string;
  eventTime: string;
}

type TrackedRow = Pick<DossierRow, 'code' | 'tracking_token' | 'procedure_name' | 'state' | 'received_at' | 'due_at' | 'workflow' | 'step_index'>;

/**
 * Public tracking by code and the token printed on the receipt: progress and
 * dates only, nothing about the applicant. A wrong token answers as an unknown code.
 */
@Injectable()
export class TrackDossier {
  constructor(private readonly dataSource: DataSource) {}

  async execute(code: string, token: string): Promise<TrackingView> {
    // Only what the answer shows, and the postal steps in the same round trip: the public lookup is the busiest
    // query, and every column and every statement costs parsing on both sides. Prepared, so Postgres plans it once
    // per connection; the postal steps come through the partial index dossier_history_postal.
    const rows = await queryPrepared<TrackedRow & { postal: PostalDetails[] }>(
      this.dataSource.manager,
      `SELECT d.code, d.tracking_token, d.procedure_name, d.state, d.received_at, d.due_at, d.workflow, d.step_index,
              coalesce((SELECT jsonb_agg(h.entry->'details') FROM dossier_history h WHERE h.dossier_id = d.id AND h.entry->>'action' = 'postal'), '[]') AS postal
         FROM dossiers d WHERE d.code = $1`,
      [code],
    );
    const row = rows[0];
    if (!row || !sameToken(row.tracking_token, token)) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ. Kiểm tra lại mã hồ sơ và mã tra cứu trên giấy tiếp nhận.');
    }
    const finished = FINAL_STATES.includes(row.state);
    return {
      code: row.code,
      procedureName: row.procedure_name,
      state: row.state,
      stateLabel: DOSSIER_STATE_LABELS[row.state],
      receivedAtDisplay: displayInstant(row.received_at),
      dueAt: new Date(row.due_at).toISOString(),
      dueDateDisplay: displayDate(row.due_at),
      dueAtDisplay: displayInstant(row.due_at),
      steps: row.workflow.map((step, index) => ({
        name: step.name,
        status: finished || index < row.step_index ? 'done' : index === row.step_index ? 'current' : 'pending',
      })),
      // The operator's reports arrive out of order; its own event time orders them.
      postalSteps: row.postal
        .sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime))
        .map(({ leg, status, label, waybill, eventTime }) => ({ leg, status, label, waybill, atDisplay: displayInstant(eventTime) })),
    };
  }
}
