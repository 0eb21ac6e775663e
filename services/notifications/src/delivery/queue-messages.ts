import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Channel, NotificationKind } from '@mc/contracts';
import { render } from '../templates/render';

export interface Recipients {
  phone: string | null;
  email: string | null;
  channels: Channel[];
}

interface TemplateRow {
  channel: Channel;
  version: number;
  subject: string | null;
  body: string;
  zns_template_id: string | null;
  urgent: boolean;
}

const address = (channel: Channel, to: Recipients) => (channel === 'email' ? to.email : to.phone);

/**
 * Writes the messages of one event, one per channel the recipient chose and
 * can be reached on, from the template version in use, in the caller's
 * transaction. Keyed by the event and the channel: the same event handled
 * again writes nothing, so a citizen never gets a message twice.
 * Returns how many were written.
 */
export async function queueMessages(
  manager: EntityManager,
  message: { eventId: string; kind: NotificationKind; dossierId: string | null; dossierCode: string | null; data: Record<string, string>; now: Date },
  to: Recipients,
): Promise<number> {
  const channels = to.channels.filter((channel) => address(channel, to));
  if (!channels.length) return 0;
  const templates: TemplateRow[] = await manager.query(
    `SELECT DISTINCT ON (channel) channel, version, subject, body, zns_template_id, urgent FROM templates
      WHERE kind = $1 AND channel = ANY ($2) ORDER BY channel, version DESC`,
    [message.kind, channels],
  );
  let written = 0;
  for (const template of templates) {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO messages (id, event_id, channel, kind, dossier_id, dossier_code, recipient, template_version, subject, body, params, zns_template_id, urgent, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) ON CONFLICT (event_id, channel) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        message.eventId,
        template.channel,
        message.kind,
        message.dossierId,
        message.dossierCode,
        address(template.channel, to),
        template.version,
        template.subject === null ? null : render(template.subject, message.data),
        render(template.body, message.data),
        JSON.stringify(message.data),
        template.zns_template_id,
        template.urgent,
        message.now,
      ],
    );
    written += inserted.length;
  }
  return written;
}
