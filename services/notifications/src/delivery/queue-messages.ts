import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Channel, NotificationKind } from '@mc/contracts';
import { render } from '../templates/render';
import type { TemplateCache } from '../templates/template-cache';

export interface Recipients {
  phone: string | null;
  email: string | null;
  channels: Channel[];
}

export interface QueuedMessage {
  eventId: string;
  /** When the event told of happened: a dossier's messages go out in this order (null: not part of a dossier's story, e.g. an answer to a text). */
  eventAt: string | null;
  kind: NotificationKind;
  dossierId: string | null;
  dossierCode: string | null;
  data: Record<string, string>;
  now: Date;
}

const address = (channel: Channel, to: Recipients) => (channel === 'email' ? to.email : to.phone);

/**
 * Writes the messages of one event, one per channel the recipient chose and
 * can be reached on, from the template version in use, in one statement.
 * Keyed by the event and the channel: the same event handled again writes
 * nothing, so a citizen never gets a message twice. When a newer template
 * version was saved elsewhere, nothing is written, the cache is refreshed and
 * the statement runs again. Returns how many were written.
 */
export async function queueMessages(manager: EntityManager, templates: TemplateCache, message: QueuedMessage, to: Recipients): Promise<number> {
  const channels = to.channels.filter((channel) => address(channel, to));
  if (!channels.length) return 0;
  for (;;) {
    const chosen = await templates.inUse(message.kind, channels);
    if (!chosen.length) return 0;
    const [{ written, stale }]: { written: number; stale: boolean }[] = await manager.query(
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::boolean[])
           AS v (id, channel, recipient, template_version, subject, body, zns_template_id, urgent)
       ), stale AS (
         SELECT 1 FROM v JOIN templates t ON t.kind = $10 AND t.channel = v.channel AND t.version > v.template_version LIMIT 1
       ), written AS (
         INSERT INTO messages (id, event_id, channel, kind, dossier_id, dossier_code, recipient, template_version, subject, body, params, zns_template_id, urgent,
                               next_attempt_at, created_at, event_at)
         SELECT v.id, $9, v.channel, $10, $11, $12, v.recipient, v.template_version, v.subject, v.body, $13, v.zns_template_id, v.urgent, $14, $14, $15
           FROM v WHERE NOT EXISTS (SELECT 1 FROM stale)
         ON CONFLICT (event_id, channel) DO NOTHING RETURNING 1
       )
       SELECT (SELECT count(*) FROM written)::int AS written, EXISTS (SELECT 1 FROM stale) AS stale`,
      [
        chosen.map(() => randomUUID()),
        chosen.map((template) => template.channel),
        chosen.map((template) => address(template.channel, to)),
        chosen.map((template) => template.version),
        chosen.map((template) => (template.subject === null ? null : render(template.subject, message.data))),
        chosen.map((template) => render(template.body, message.data)),
        chosen.map((template) => template.zns_template_id),
        chosen.map((template) => template.urgent),
        message.eventId,
        message.kind,
        message.dossierId,
        message.dossierCode,
        JSON.stringify(message.data),
        message.now,
        message.eventAt,
      ],
    );
    if (!stale) return written;
    templates.clear();
  }
}
