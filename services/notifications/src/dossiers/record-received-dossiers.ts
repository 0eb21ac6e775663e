import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { dossierReceivedV1, type EventEnvelope } from '@mc/contracts';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import { queueMessages } from '../delivery/queue-messages';
import { displayDate } from '../display';
import type { NotificationsConfig } from '../notifications.config';
import { addStaffNotices } from '../staff-notices/staff-notice';
import { TemplateCache } from '../templates/template-cache';
import { receivedData, type KnownDossier } from './citizen-messages';
import { replayParked } from './parked-events';

/**
 * Dossiers are received: this service now knows them (with the applicant's
 * contact and choice of channels when they consented), tells the applicants,
 * puts a notice in each receiving unit's queue, and, once that is committed,
 * handles the events about them that arrived before their receipts. A batch
 * of receipts is one statement for the dossiers, one for the notices, and one
 * per consenting applicant for the messages; each is idempotent (a receipt
 * handled again finds its dossier, messages and notice written).
 */
@Injectable()
export class RecordReceivedDossiers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplateCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** Runs in the caller's transaction. */
  async execute(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    const receipts = events.map((event) => ({ event, received: dossierReceivedV1.schema.parse(event.data) }));
    if (!receipts.length) return;
    const now = this.clock.now();
    const dossiers = await this.writeDossiers(manager, receipts.map(({ received }) => received));
    const known = ({ dossierId }: { dossierId: string }) => {
      const dossier = dossiers.get(dossierId);
      if (!dossier) throw new Error(`dossier ${dossierId} missing right after its insert`);
      return dossier;
    };
    for (const { event, received } of receipts) {
      const dossier = known(received);
      if (!dossier.consent) continue;
      await queueMessages(
        manager,
        this.templates,
        { eventId: event.id, eventAt: event.occurredAt, kind: 'received', dossierId: dossier.id, dossierCode: dossier.code, data: receivedData(dossier, received.receivedAt, this.config), now },
        { phone: dossier.phone, email: dossier.email, channels: dossier.channels },
      );
    }
    await addStaffNotices(
      manager,
      receipts.map(({ event, received }) => ({
        eventId: event.id,
        kind: 'new_in_queue',
        unitCode: received.receivingUnitCode,
        dossierCode: received.code,
        text: `Hồ sơ mới ${received.code} (${known(received).procedure_name}), hẹn trả ${displayDate(received.dueAt)}.`,
        at: received.occurredAt,
      })),
    );
  }

  /**
   * Handles what was parked for the received dossiers, once their rows are
   * committed. An event parked meanwhile looks for its dossier after parking:
   * whichever of the two comes second sees the other, so nothing stays parked.
   */
  async replayParked(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    const ids = events.map((event) => (event.data as { dossierId: string }).dossierId);
    const parked: { dossier_id: string }[] = await manager.query('SELECT DISTINCT dossier_id FROM parked_events WHERE dossier_id = ANY($1::uuid[])', [ids]);
    const now = this.clock.now();
    for (const { dossier_id: dossierId } of parked) await replayParked(this.dataSource, this.templates, this.config, dossierId, now);
  }

  /** The dossiers' rows: written now or, for a receipt handled again, the ones written then (a statement does not see its own insert). */
  private async writeDossiers(manager: EntityManager, receipts: ReturnType<typeof dossierReceivedV1.schema.parse>[]): Promise<Map<string, KnownDossier>> {
    const rows = receipts.map((received) => {
      const contact = received.contact?.consent ? received.contact : null;
      return {
        id: received.dossierId,
        code: received.code,
        procedure_name: received.procedureName ?? received.procedureCode,
        applicant_name: received.applicantName ?? '',
        receiving_unit_code: received.receivingUnitCode,
        competent_unit_code: received.competentUnitCode,
        return_method: received.returnMethod ?? 'counter',
        phone: contact?.phone ?? null,
        email: contact?.email ?? null,
        channels: contact?.channels ?? [],
        consent: contact !== null,
        tracking_path: received.trackingPath || null,
        state: received.state,
        due_at: received.dueAt,
        state_event_at: received.occurredAt,
      };
    });
    const written: KnownDossier[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO dossiers (id, code, procedure_name, applicant_name, receiving_unit_code, competent_unit_code, return_method, phone, email, channels, consent,
           tracking_path, state, due_at, state_event_at)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, code text, procedure_name text, applicant_name text, receiving_unit_code text,
           competent_unit_code text, return_method text, phone text, email text, channels text[], consent boolean, tracking_path text, state text,
           due_at timestamptz, state_event_at timestamptz)
         ON CONFLICT (id) DO NOTHING RETURNING *
       )
       SELECT * FROM inserted UNION ALL SELECT * FROM dossiers WHERE id = ANY($2::uuid[])`,
      [JSON.stringify(rows), rows.map((row) => row.id)],
    );
    return new Map(written.map((dossier) => [dossier.id, dossier]));
  }
}
