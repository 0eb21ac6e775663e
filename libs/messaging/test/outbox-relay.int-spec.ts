import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { defineEvent, eventStreamName } from '@mc/contracts';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, type TestDatabase } from '@mc/local-infra';
import { createLogger } from '@mc/observability';
import { createServiceDataSource, runMigrations } from '@mc/persistence';
import { Bus, CreateOutboxAndInbox1763800000000, Outbox, OutboxRelay } from '../src';

const noted = defineEvent('dossier', 'thing', 'noted', 1, z.object({ note: z.string() }));

/**
 * The relay polls every 50 ms only while its own process is writing events; a
 * quiet one looks once a second (here once a minute, so that a test that waits
 * for the quiet poll would time out).
 */
describe('the outbox relay of a quiet service', () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let dataSource: DataSource;
  let bus: Bus;
  const logger = createLogger('dossier', 'silent');

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: 'things', entities: [], migrations: [CreateOutboxAndInbox1763800000000] });
    await dataSource.initialize();
    await runMigrations(dataSource, 'things');
    bus = await Bus.connect({ url: testNatsUrl(), namespace, service: 'dossier' });
    await bus.ensureEventStream('dossier');
  });
  afterAll(async () => {
    await bus?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await dataSource?.destroy();
    await database?.drop();
  });

  const waitForEmptyOutbox = async (withinMs: number) => {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const [{ left }]: { left: number }[] = await dataSource.query('SELECT count(*)::int AS left FROM outbox');
      if (left === 0) return;
      if (Date.now() > deadline) throw new Error(`${left} events still in the outbox after ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const streamCount = async () => (await bus.jsm.streams.info(bus.streamName(eventStreamName('dossier')))).state.messages;

  it('looks for rows no more than its quiet interval asks while nothing is written', async () => {
    const relay = new OutboxRelay(dataSource, bus, logger, { idleMs: 20, quietMs: 60_000 });
    const polls = jest.spyOn(relay, 'relayOnce');
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await relay.stop();
    // Every 20 ms would be 50 polls; quiet, it is the one at start.
    expect(polls.mock.calls.length).toBe(1);
  });

  it('sends an event the Outbox announced at once, though its quiet interval is a minute', async () => {
    const relay = new OutboxRelay(dataSource, bus, logger, { idleMs: 20, quietMs: 60_000 });
    const outbox = new Outbox(() => relay.expectRows());
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = await streamCount();
    // Committed well after the announcement: the relay keeps looking until it has.
    await dataSource.transaction(async (manager) => {
      await outbox.add(manager, noted, { note: 'đã ghi' });
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const committed = Date.now();
    await waitForEmptyOutbox(5_000);
    const waited = Date.now() - committed;
    await relay.stop();
    expect(await streamCount()).toBe(before + 1);
    expect(waited).toBeLessThan(2_000);
  });

  it('still sends a row nobody announced, at its quiet interval', async () => {
    const relay = new OutboxRelay(dataSource, bus, logger, { idleMs: 20, quietMs: 300 });
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = await streamCount();
    await dataSource.query(
      `INSERT INTO outbox (id, subject, envelope) VALUES (gen_random_uuid(), 'evt.dossier.thing.noted',
         jsonb_build_object('id', gen_random_uuid(), 'type', 'thing.noted', 'version', 1, 'source', 'dossier', 'data', jsonb_build_object('note', 'tay')))`,
    );
    await waitForEmptyOutbox(3_000);
    await relay.stop();
    expect(await streamCount()).toBe(before + 1);
  });
});
