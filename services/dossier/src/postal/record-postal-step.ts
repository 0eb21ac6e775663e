import { Inject, Injectable } from '@nestjs/common';
import { AppError, POSTAL_STATUS_LABELS, postalOrderStatusChangedV1, type EventEnvelope, type PostalStatus } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Inbox } from '@mc/messaging';
import { LOGGER } from '@mc/service-runtime';
import type { Logger } from '@mc/observability';
import { loadDossierForUpdate } from '../dossiers/dossier-row';
import { ActOnDossier } from '../handling/act-on-dossier';
import { HistoryLog } from '../history/history-log';
import { ReceiveDossier } from '../receipt/receive-dossier';

export const POSTAL_STEPS_CONSUMER = 'dossier.postal-steps';

/** The postal service acting through its events: the operator it speaks for holds the postal client role. */
const POST: Principal = {
  subject: 'postal-service',
  username: 'buu-chinh-cong-ich',
  kind: 'client',
  roles: [{ role: 'postal_client', unit: '', path: '/' }],
  clientId: 'postal-service',
};

/**
 * Each step the post reports becomes part of the dossier: a pickup handed to
 * the centre is the dossier's receipt (channel post, the processing time
 * counting from then), a result collected by the postal worker returns the
 * dossier, and every step is a history entry with the operator's event time.
 * Receipt and return are idempotent by the order, so a redelivered event does
 * neither twice.
 */
@Injectable()
export class RecordPostalStep {
  constructor(
    private readonly inbox: Inbox,
    private readonly history: HistoryLog,
    private readonly receiveDossier: ReceiveDossier,
    private readonly actOnDossier: ActOnDossier,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    const step = postalOrderStatusChangedV1.schema.parse(event.data);
    let dossierId = step.dossierId;
    type Entry = { status: PostalStatus; eventTime: string; waybill: string; reason: string | null; slip: { number: string; signedBy: string } | null };
    const entries: Entry[] = [];
    if (step.leg === 'pickup' && step.status === 'handed_to_centre' && step.submission) {
      const { submission } = step;
      const result = await this.receiveDossier.execute(
        {
          procedureCode: submission.procedureCode,
          channel: 'postal',
          receivingUnitCode: submission.receivingUnitCode,
          applicant: submission.applicant,
          components: submission.components,
          sets: 1,
          returnMethod: submission.returnMethod,
          returnAddress: submission.returnAddress,
        },
        POST,
        `postal-order:${step.orderId}`,
        { orderId: step.orderId, ownerSubject: submission.ownerSubject },
      );
      if (result.outcome !== 'accepted') {
        // Mẫu 02/03 is kept with the intake records; the counter tells the citizen through the post.
        this.logger.warn({ orderId: step.orderId, outcome: result.outcome }, 'postal pickup not accepted at the counter');
        return;
      }
      dossierId = result.dossier.id;
      entries.push(...submission.earlierSteps);
    }
    if (!dossierId) return;
    if (step.leg === 'return' && step.status === 'result_collected') {
      await this.actOnDossier
        .execute({ dossierId, action: 'hand_to_post' }, POST, `postal-collected:${step.orderId}`, { forPost: true })
        .catch((error: unknown) => {
          // Returned at the counter already, or not yet issued: the history still records what the post did.
          if (!(error instanceof AppError && error.code === 'ILLEGAL_TRANSITION')) throw error;
          this.logger.warn({ orderId: step.orderId, dossierId }, 'postal collection on a dossier not ready to be returned');
        });
    }
    entries.push({ status: step.status, eventTime: step.eventTime, waybill: step.waybill, reason: step.reason, slip: step.slip });
    const id = dossierId;
    await this.inbox.handleOnce(POSTAL_STEPS_CONSUMER, event.id, async (manager) => {
      const row = await loadDossierForUpdate(manager, { dossierId: id });
      for (const entry of entries) {
        await this.history.append(manager, {
          dossierId: id,
          at: new Date().toISOString(),
          actor: { subject: POST.subject, username: POST.username, role: 'postal_client', unit: '' },
          action: 'postal',
          reason: entry.reason,
          before: { state: row.state, step: row.workflow[row.step_index]?.key ?? null },
          after: { state: row.state, step: row.workflow[row.step_index]?.key ?? null },
          details: {
            leg: step.leg,
            status: entry.status,
            label: POSTAL_STATUS_LABELS[entry.status],
            waybill: entry.waybill,
            eventTime: entry.eventTime,
            ...(entry.slip ? { slip: entry.slip } : {}),
          },
        });
      }
    });
  }
}
