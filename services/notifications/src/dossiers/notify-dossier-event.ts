import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DOSSIER_STATES, type EventEnvelope } from '@mc/contracts';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import { z } from 'zod';
import type { NotificationsConfig } from '../notifications.config';
import { loadDossier, notifyCitizen } from './citizen-messages';

/** What every dossier and postal event says of the dossier it is about. */
const about = z.object({
  dossierId: z.uuid().nullable(),
  state: z.enum(DOSSIER_STATES).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

/**
 * An event in a dossier's life after its receipt (a supplement requested or
 * received, the result issued, returned or delivered by post, an apology with
 * a new appointment, a stop): the dossier's state is brought up to date for
 * status requests and the applicant is told. An event about a dossier whose
 * receipt has not been handled here yet is parked and handled with it.
 */
@Injectable()
export class NotifyDossierEvent {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    const { dossierId, state, dueAt, occurredAt } = about.parse(event.data);
    if (!dossierId) return;
    await this.dataSource.transaction(async (manager) => {
      const dossier = await loadDossier(manager, dossierId);
      if (!dossier) {
        await manager.query('INSERT INTO parked_events (event_id, dossier_id, envelope) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [event.id, dossierId, JSON.stringify(event)]);
        return;
      }
      if (state && dueAt && occurredAt) {
        // Events of different kinds come through different consumers: an older one handled late does not move the state back.
        await manager.query('UPDATE dossiers SET state = $2, due_at = $3, state_event_at = $4 WHERE id = $1 AND state_event_at <= $4', [dossierId, state, dueAt, occurredAt]);
      }
      await notifyCitizen(manager, event, { ...dossier, state: state ?? dossier.state }, this.config, this.clock.now());
    });
  }
}
