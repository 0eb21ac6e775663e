import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dossierReceivedV1, type EventEnvelope } from '@mc/contracts';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import { queueMessages } from '../delivery/queue-messages';
import { displayDate } from '../display';
import type { NotificationsConfig } from '../notifications.config';
import { onOneConnection } from '../one-connection';
import { addStaffNotice } from '../staff-notices/staff-notice';
import { TemplateCache } from '../templates/template-cache';
import { receivedData, type KnownDossier } from './citizen-messages';
import { hasParked, replayParked } from './parked-events';

/**
 * A dossier is received: this service now knows it (with the applicant's
 * contact and choice of channels when they consented), tells the applicant,
 * puts a notice in the receiving unit's queue, and handles the events about
 * it that arrived before this one. Each step is one idempotent statement (a
 * receipt handled again finds the dossier, its messages and its notice
 * written), so no transaction is held open across them.
 */
@Injectable()
export class RecordReceivedDossier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplateCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    const received = dossierReceivedV1.schema.parse(event.data);
    const contact = received.contact?.consent ? received.contact : null;
    const now = this.clock.now();
    const parked = await onOneConnection(this.dataSource, async (manager) => {
      // The row written now or, for a receipt handled again, the one written then (a statement does not see its own insert).
      const [dossier]: KnownDossier[] = await manager.query(
        `WITH inserted AS (
           INSERT INTO dossiers (id, code, procedure_name, applicant_name, receiving_unit_code, competent_unit_code, return_method, phone, email, channels, consent,
             tracking_path, state, due_at, state_event_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING RETURNING *
         )
         SELECT * FROM inserted UNION ALL SELECT * FROM dossiers WHERE id = $1`,
        [
          received.dossierId,
          received.code,
          received.procedureName ?? received.procedureCode,
          received.applicantName ?? '',
          received.receivingUnitCode,
          received.competentUnitCode,
          received.returnMethod ?? 'counter',
          contact?.phone ?? null,
          contact?.email ?? null,
          contact?.channels ?? [],
          contact !== null,
          received.trackingPath || null,
          received.state,
          received.dueAt,
          received.occurredAt,
        ],
      );
      if (!dossier) throw new Error(`dossier ${received.dossierId} missing right after its insert`);
      if (dossier.consent) {
        await queueMessages(
          manager,
          this.templates,
          { eventId: event.id, eventAt: event.occurredAt, kind: 'received', dossierId: dossier.id, dossierCode: dossier.code, data: receivedData(dossier, received.receivedAt, this.config), now },
          { phone: dossier.phone, email: dossier.email, channels: dossier.channels },
        );
      }
      await addStaffNotice(manager, {
        eventId: event.id,
        kind: 'new_in_queue',
        unitCode: received.receivingUnitCode,
        dossierCode: received.code,
        text: `Hồ sơ mới ${received.code} (${dossier.procedure_name}), hẹn trả ${displayDate(received.dueAt)}.`,
        at: received.occurredAt,
    });
    return hasParked(manager, dossier.id);
    });
    if (parked) await replayParked(this.dataSource, this.templates, this.config, received.dossierId, now);
  }
}
