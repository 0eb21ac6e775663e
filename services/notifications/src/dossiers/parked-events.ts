import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@mc/contracts';
import type { NotificationsConfig } from '../notifications.config';
import type { TemplateCache } from '../templates/template-cache';
import { aboutOf, applyEvent } from './apply-event';
import { newsOf } from './citizen-messages';

/** Keeps an event about a dossier whose receipt is not handled here yet (the consumers of different subjects run side by side). */
export async function parkEvent(manager: EntityManager, event: EventEnvelope, dossierId: string): Promise<void> {
  await manager.query('INSERT INTO parked_events (event_id, dossier_id, envelope) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [event.id, dossierId, JSON.stringify(event)]);
}

/** Handles the events parked for a now known dossier, oldest first, in one transaction: whoever deletes them handles them. */
export async function replayParked(dataSource: DataSource, templates: TemplateCache, config: NotificationsConfig, dossierId: string, now: Date): Promise<void> {
  await dataSource.transaction(async (manager) => {
    // A DELETE … RETURNING answers [rows, count] through TypeORM.
    const [parked]: [{ envelope: EventEnvelope }[], number] = await manager.query('DELETE FROM parked_events WHERE dossier_id = $1 RETURNING envelope', [dossierId]);
    const events = parked.map((row) => row.envelope).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    for (const event of events) await applyEvent(manager, templates, event, newsOf(event, config), dossierId, aboutOf(event).move, now);
  });
}
