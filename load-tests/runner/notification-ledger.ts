/**
 * Were the citizens told, once each? What the events in JetStream call for —
 * each consenting applicant's receipt and later dossier events, on each
 * channel they chose and can be reached on and that has a template — set
 * against what the providers' simulators took (SMS gateway by requestId,
 * Zalo by tracking_id, the mail sink by Message-ID, all our message id), by
 * event and channel: none missing, none doubled, none unasked for.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { MailSink, SmsGatewaySimulator, ZaloZnsSimulator } from '@mc/message-providers-simulator';
import { waitFor } from '@mc/local-infra';
import { withClient } from './platform';

/** The dossier events the notifications service tells the applicant of, by the template kind it uses. */
const KIND_OF_EVENT: Record<string, string> = {
  'dossier.received': 'received',
  'dossier.supplement-requested': 'supplement_requested',
  'dossier.supplement-received': 'supplement_received',
  'dossier.result-issued': 'result_ready',
  'dossier.returned': 'returned',
  'dossier.apologised': 'apologised',
  'dossier.stopped': 'stopped',
};

interface Envelope {
  id: string;
  type: string;
  data: { dossierId?: string; contact?: { phone: string | null; email: string | null; channels: string[]; consent: boolean } };
}

export interface NotificationLedger {
  /** Events in the dossier stream, and of them those that call for a message. */
  events: number;
  eventsToTell: number;
  expected: number;
  /** Messages the simulators took, by channel. */
  sentByChannel: Record<string, number>;
  missing: number;
  doubled: number;
  unexpected: number;
  /** Taken by a simulator under an id the notifications schema does not know. */
  unknownIds: number;
  samples: { missing: string[]; doubled: string[]; unexpected: string[] };
  ok: boolean;
}

async function dossierEvents(natsUrl: string, namespace: string): Promise<Envelope[]> {
  const nc = await connect({ servers: natsUrl, reconnect: false });
  try {
    const stream = `${namespace.toUpperCase().replace(/-/g, '_')}_EVT_DOSSIER`;
    const info = await jetstreamManager(nc, { checkAPI: false }).then((jsm) => jsm.streams.info(stream));
    if (info.state.messages === 0) return [];
    // An ordered consumer: the whole stream from its first message, nothing acknowledged, nothing left behind.
    const consumer = await jetstream(nc, { checkAPI: false }).consumers.get(stream);
    const messages = await consumer.consume();
    const events: Envelope[] = [];
    for await (const message of messages) {
      events.push(message.json<Envelope>());
      if (message.info.pending === 0 && message.seq >= info.state.last_seq) break;
    }
    await messages.close();
    return events;
  } finally {
    await nc.close();
  }
}

export async function notificationLedger(options: {
  databaseUrl: string;
  natsUrl: string;
  namespace: string;
  providers: { sms: SmsGatewaySimulator; zalo: ZaloZnsSimulator; mail: MailSink };
}): Promise<NotificationLedger> {
  const events = await dossierEvents(options.natsUrl, options.namespace);
  const { templates, messageIds } = await withClient(options.databaseUrl, async (client) => ({
    templates: new Set((await client.query<{ key: string }>("SELECT DISTINCT kind || '/' || channel AS key FROM notifications.templates")).rows.map((row) => row.key)),
    messageIds: new Map((await client.query<{ id: string; event_id: string; channel: string }>('SELECT id, event_id, channel FROM notifications.messages')).rows.map((row) => [row.id, `${row.event_id}/${row.channel}`])),
  }));

  // The applicant's contact comes with the receipt; later events of the dossier are told on the same channels.
  const contactOf = new Map<string, NonNullable<Envelope['data']['contact']>>();
  for (const event of events) if (event.type === 'dossier.received' && event.data.dossierId && event.data.contact) contactOf.set(event.data.dossierId, event.data.contact);
  const expected = new Set<string>();
  let eventsToTell = 0;
  for (const event of events) {
    const kind = KIND_OF_EVENT[event.type];
    const contact = event.data.dossierId ? contactOf.get(event.data.dossierId) : undefined;
    if (!kind || !contact?.consent) continue;
    let told = false;
    for (const channel of contact.channels) {
      const reachable = channel === 'email' ? contact.email : contact.phone;
      if (!reachable || !templates.has(`${kind}/${channel}`)) continue;
      expected.add(`${event.id}/${channel}`);
      told = true;
    }
    if (told) eventsToTell += 1;
  }

  const { sms, zalo, mail } = options.providers;
  const taken = [
    ...sms.sent.map((message) => ({ channel: 'sms', id: message.requestId })),
    ...zalo.sent.map((message) => ({ channel: 'zalo', id: message.trackingId })),
    ...mail.mail.map((message) => ({ channel: 'email', id: /^<?([^@>]+)@/.exec(message.messageId)?.[1] ?? message.messageId })),
  ];
  const sentByChannel: Record<string, number> = {};
  const counts = new Map<string, number>();
  let unknownIds = 0;
  for (const { channel, id } of taken) {
    sentByChannel[channel] = (sentByChannel[channel] ?? 0) + 1;
    const key = messageIds.get(id);
    if (!key) {
      unknownIds += 1;
      continue;
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const missing = [...expected].filter((key) => !counts.has(key));
  const doubled = [...counts.entries()].filter(([, n]) => n > 1).map(([key, n]) => `${key} × ${n}`);
  const unexpected = [...counts.keys()].filter((key) => !expected.has(key));
  return {
    events: events.length,
    eventsToTell,
    expected: expected.size,
    sentByChannel,
    missing: missing.length,
    doubled: doubled.length,
    unexpected: unexpected.length,
    unknownIds,
    samples: { missing: missing.slice(0, 10), doubled: doubled.slice(0, 10), unexpected: unexpected.slice(0, 10) },
    ok: missing.length === 0 && doubled.length === 0 && unexpected.length === 0 && unknownIds === 0,
  };
}

/** Waits (up to `boundMs`) until no message waits to be sent; returns when that was, from `since`, or null. */
export async function waitForMessagesSent(databaseUrl: string, since: number, boundMs: number): Promise<number | null> {
  return waitFor(
    'every queued notification to be sent',
    async () => (await withClient(databaseUrl, (client) => client.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications.messages WHERE status = 'pending'")).catch(() => null))?.rows[0]?.n === 0,
    boundMs,
    250,
  )
    .then(() => Date.now() - since)
    .catch(() => null);
}
