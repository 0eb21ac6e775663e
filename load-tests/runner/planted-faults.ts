/**
 * The two conditions the alert rules OutboxStuck and DeadLetter are written
 * for, planted in a running platform, so a run shows the figures the services
 * themselves export for them: an event in the signatures service's outbox on
 * a subject no stream takes (its relay can never publish it, the oldest
 * event's age grows), and one message in the dead-letter stream.
 * (Whether the rules fire on such series is what `promtool test rules` in
 * deploy/test/manifests.spec.ts checks.)
 */
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { withClient } from './platform';

export const PLANTED_OUTBOX_SERVICE = 'signatures';

export async function plantStuckOutbox(databaseUrl: string): Promise<string> {
  const id = randomUUID();
  await withClient(databaseUrl, (client) =>
    client.query(`INSERT INTO ${PLANTED_OUTBOX_SERVICE}.outbox (id, subject, envelope) VALUES ($1, 'evt.planted.nowhere', $2)`, [
      id,
      JSON.stringify({ id, type: 'planted.nowhere', data: {} }),
    ]),
  );
  return id;
}

export async function plantDeadLetter(natsUrl: string, namespace: string): Promise<void> {
  const nc = await connect({ servers: natsUrl, reconnect: false });
  try {
    await jetstream(nc, { checkAPI: false }).publish(`${namespace}.dlq.planted`, JSON.stringify({ planted: true }));
  } finally {
    await nc.close();
  }
}
