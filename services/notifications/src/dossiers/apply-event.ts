import type { EntityManager } from 'typeorm';
import { DOSSIER_STATES, type EventEnvelope } from '@mc/contracts';
import { z } from 'zod';
import type { TemplateCache } from '../templates/template-cache';
import { loadDossier, tellCitizen, type News, type StateMove } from './citizen-messages';

/** What every dossier and postal event says of the dossier it is about. */
const about = z.object({
  dossierId: z.uuid().nullable(),
  state: z.enum(DOSSIER_STATES).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

/** The dossier an event is about, and the state it moves it to (status by SMS answers with it). */
export function aboutOf(event: EventEnvelope): { dossierId: string | null; move: StateMove | null } {
  const { dossierId, state, dueAt, occurredAt } = about.parse(event.data);
  return { dossierId, move: state && dueAt && occurredAt ? { state, dueAt, occurredAt } : null };
}

/**
 * Brings a known dossier's state up to date with an event and queues what its
 * applicant is told of it, in two statements; false when the dossier is not
 * known here yet. Each statement is idempotent, so an event handled again
 * after a crash between them writes what was missing and nothing twice.
 */
export async function applyEvent(
  manager: EntityManager,
  templates: TemplateCache,
  event: EventEnvelope,
  news: News | null,
  dossierId: string,
  move: StateMove | null,
  now: Date,
): Promise<boolean> {
  const dossier = await loadDossier(manager, dossierId, move);
  if (!dossier) return false;
  if (news) await tellCitizen(manager, templates, event, news, dossier, now);
  return true;
}
