import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { dropDatabase, ensureDatabase } from './postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const suffix = () => `${process.pid}_${randomBytes(3).toString('hex')}`;

/** A database of its own for one test file, so runs and files never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/mc_test_${suffix()}`;
  const url = server.toString();
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

export const testNatsUrl = () => process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** A subject and stream prefix of its own for one test file. */
export const testNamespace = () => `t${suffix().replace(/_/g, '')}`;

/** Removes the streams a test namespace created on a shared NATS server. */
export async function deleteNamespaceStreams(natsUrl: string, namespace: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const prefix = `${namespace.toUpperCase()}_`;
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(prefix)) await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await nc.close();
  }
}
