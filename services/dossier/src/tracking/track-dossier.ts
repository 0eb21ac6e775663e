import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, DOSSIER_STATE_LABELS, type TrackingView } from '@mc/contracts';
import { displayDate, displayInstant } from '../dossiers/display';
import { FINAL_STATES } from '../handling/transitions';
import { TrackedDossiers } from './tracked-dossiers';

/** Compares the token given with the dossier's in constant time. */
export const sameToken = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Public tracking by code and the token printed on the receipt: progress and
 * dates only, nothing about the applicant. A wrong token answers as an unknown code.
 */
@Injectable()
export class TrackDossier {
  constructor(private readonly dossiers: TrackedDossiers) {}

  async execute(code: string, token: string): Promise<TrackingView> {
    const row = await this.dossiers.find(code);
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
