import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { AppError, DEAD_LETTER_STREAM, eventStreamName } from '@mc/contracts';
import { Bus, BusHeader, NatsClientProxy, RemoteError } from '@mc/messaging';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  freePort,
  spawnNatsServer,
  testNamespace,
  testNatsUrl,
  waitFor,
  type NatsServerProcess,
  type TestDatabase,
} from '@mc/local-infra';
import { startBusService, type RunningService } from '../src';
import { calls, CreateThing, thingPoisoned, thingService } from './messaging-fixture';

const MAX_DELIVER = 3;

const serviceEnv = (database: TestDatabase, natsUrl: string, namespace: string) => ({
  DATABASE_URL: database.url,
  NATS_URL: natsUrl,
  BUS_NAMESPACE: namespace,
  BUS_MAX_DELIVER: String(MAX_DELIVER),
  BUS_RETRY_DELAY_MS: '50',
  BUS_REQUEST_TIMEOUT_MS: '2000',
  LOG_LEVEL: 'silent',
});

const timesSeen = async (service: RunningService, thingId: string) => {
  const rows: { times: number }[] = await service.app
    .get(DataSource)
    .query('SELECT times FROM thing_events_seen WHERE thing_id = $1', [thingId]);
  return rows[0]?.times ?? 0;
};

const outboxSize = async (service: RunningService) =>
  Number((await service.app.get(DataSource).query('SELECT count(*)::int AS n FROM outbox'))[0].n);

describe('messaging over the real NATS and Postgres', () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let service: RunningService;
  let client: NatsClientProxy;
  let clientBus: Bus;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startBusService(thingService, serviceEnv(database, testNatsUrl(), namespace));
    clientBus = await Bus.connect({ url: testNatsUrl(), namespace, service: 'gateway' });
    client = new NatsClientProxy(clientBus, 2_000);
  });

  afterAll(async () => {
    await service?.close();
    await clientBus?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  it('runs each bootstrap hook once, so a timer a service starts there runs once and stops with it', () => {
    expect(calls.bootstrapped).toBe(1);
  });

  it('keeps an error reply’s code, message and details across the bus', async () => {
    const error = await client.request('catalog.thing.fail', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: 'Hồ sơ này đã được tiếp nhận trước đó.',
      details: { dossierCode: '05983-261122-0001' },
    });
  });

  it('answers bad input with VALIDATION_FAILED naming the field', async () => {
    const error = (await client.request('catalog.thing.validate', { quantity: 0 }).catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('Số bản phải lớn hơn 0.');
    expect(error.details).toEqual({ issues: [{ path: 'quantity', message: 'Số bản phải lớn hơn 0.' }] });
  });

  it('hides an unexpected error behind INTERNAL without leaking its text', async () => {
    const error = (await client.request('catalog.thing.crash', {}).catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('postgres://');
  });

  it('answers SERVICE_UNAVAILABLE, not INTERNAL, when the database connection is lost, and serves again after', async () => {
    const error = (await client.request('catalog.thing.lose-database', {}).catch((e: unknown) => e)) as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('Cơ sở dữ liệu của dịch vụ catalog tạm thời không phản hồi. Vui lòng thử lại sau ít phút.');
    // The pool learns of the dead connection from its end event, which a busy machine may deliver after the next
    // request has already taken that connection: that request is a 503 too, and the one after it is served.
    const served = await waitFor('served again after the lost connection', () =>
      client.request('catalog.thing.create', { thingId: 'after-lost-connection' }).catch((e: unknown) => {
        if ((e as RemoteError).code !== 'SERVICE_UNAVAILABLE') throw e;
        return undefined;
      }),
      5_000,
    );
    expect(served).toEqual({ created: 'after-lost-connection' });
  });

  it('refuses a handler that needs a caller when no token came with the request', async () => {
    const error = (await client.request('catalog.thing.whoami', {}).catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('turns a subject nobody serves into SERVICE_UNAVAILABLE', async () => {
    const error = await client.request('postal.order.create', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('delivers a committed event to the consumer, which records it once', async () => {
    await client.request('catalog.thing.create', { thingId: 'a1' });
    await waitFor('event a1 handled', async () => (await timesSeen(service, 'a1')) === 1);
    expect(await outboxSize(service)).toBe(0);
  });

  it('changes the consumer’s state once when the same event is delivered twice', async () => {
    // Publish one envelope twice under different message ids: JetStream's dedupe
    // does not catch this, only the consumer's inbox can.
    const envelope = {
      id: '6f1d3c52-8f0e-4a55-9d55-2f4f1f7b9a01',
      type: 'thing.created',
      version: 1,
      source: 'catalog',
      occurredAt: new Date().toISOString(),
      data: { thingId: 'dup' },
    };
    const before = calls.created;
    for (const msgID of ['first', 'second']) {
      await clientBus.js.publish(clientBus.subject('evt.catalog.thing.created'), JSON.stringify(envelope), { msgID });
    }
    await waitFor('both deliveries handled', async () => calls.created - before >= 2);
    expect(await timesSeen(service, 'dup')).toBe(1);
  });

  it('publishes nothing from a rolled-back transaction', async () => {
    const stream = clientBus.streamName(eventStreamName('catalog'));
    const before = (await clientBus.jsm.streams.info(stream)).state.messages;
    await expect(service.app.get(CreateThing).execute('rolled-back', true)).rejects.toThrow('rolled back on purpose');
    expect(await outboxSize(service)).toBe(0);
    // Give the relay several polling rounds to publish anything it might have.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await clientBus.jsm.streams.info(stream)).state.messages).toBe(before);
    const rows = await service.app.get(DataSource).query("SELECT 1 FROM things WHERE id = 'rolled-back'");
    expect(rows).toHaveLength(0);
  });

  it('moves an event that always fails to the dead-letter subject after the configured deliveries', async () => {
    const before = calls.poisoned;
    await service.app.get(CreateThing).execute('poison-1', false, thingPoisoned);
    const dlq = clientBus.streamName(DEAD_LETTER_STREAM);
    const message = await waitFor(
      'dead-lettered event',
      async () => {
        const info = await clientBus.jsm.streams.info(dlq).catch(() => null);
        if (!info?.state.messages) return undefined;
        return clientBus.jsm.streams.getMessage(dlq, {
          last_by_subj: clientBus.subject('dlq.catalog.evt.catalog.thing.poisoned'),
        });
      },
      20_000,
    );
    expect(calls.poisoned - before).toBe(MAX_DELIVER);
    expect(message!.header.get(BusHeader.deadLetterDeliveries)).toBe(String(MAX_DELIVER));
    expect(message!.header.get(BusHeader.deadLetterReason)).toContain('this event can never be handled');
    expect(message!.json<{ data: { thingId: string } }>().data.thingId).toBe('poison-1');
    // No further attempts once it is parked.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.poisoned - before).toBe(MAX_DELIVER);
  });
});

describe('outbox while NATS is down (private nats-server)', () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let nats: NatsServerProcess;
  let service: RunningService;
  let storeDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    storeDir = mkdtempSync(path.join(tmpdir(), 'mc-nats-'));
    nats = await spawnNatsServer({ port: await freePort(), storeDir });
    service = await startBusService(thingService, serviceEnv(database, nats.url, namespace));
  });

  afterAll(async () => {
    await service?.close();
    await nats?.stop();
    await database?.drop();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('delivers an event committed while NATS was stopped once NATS is back', async () => {
    await nats.stop();
    await service.app.get(CreateThing).execute('during-outage');
    // The relay keeps failing while the server is down; the row must stay.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await outboxSize(service)).toBe(1);

    nats = await spawnNatsServer({ port: nats.port, storeDir });
    await waitFor('event relayed and consumed after restart', async () => (await timesSeen(service, 'during-outage')) === 1, 30_000, 200);
    expect(await outboxSize(service)).toBe(0);
  });
});
