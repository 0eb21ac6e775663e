import { Bus, NatsClientProxy } from '@mc/messaging';
import { createTestDatabase, deleteNamespaceStreams, freePort, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { startBusService, type RunningService } from '../src';
import { CreateThing, thingPoisoned, thingService } from './messaging-fixture';

/** One sample of a metric in Prometheus's text format, e.g. `mc_outbox_backlog{…} 3`, or undefined. */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
};

describe("a bus service's own operations listener", () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let service: RunningService;
  let clientBus: Bus;
  let client: NatsClientProxy;
  let ops: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    ops = `http://127.0.0.1:${port}`;
    service = await startBusService(thingService, {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      BUS_MAX_DELIVER: '2',
      BUS_RETRY_DELAY_MS: '50',
      LOG_LEVEL: 'silent',
      OPS_PORT: String(port),
    });
    clientBus = await Bus.connect({ url: testNatsUrl(), namespace, service: 'gateway' });
    client = new NatsClientProxy(clientBus, 2_000);
  });

  afterAll(async () => {
    // The last test took the database away; closing still stops the listener, the bus and the relay.
    await service?.close().catch(() => undefined);
    await clientBus?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  const metrics = async () => (await fetch(`${ops}/metrics`)).text();

  it('answers liveness and readiness for this process', async () => {
    expect((await fetch(`${ops}/livez`)).status).toBe(200);
    expect((await fetch(`${ops}/readyz`)).status).toBe(200);
    expect((await fetch(`${ops}/nothing`)).status).toBe(404);
  });

  it('counts requests by subject and outcome', async () => {
    await client.request('catalog.thing.fail', {}).catch(() => undefined);
    await client.request('catalog.thing.whoami', {}).catch(() => undefined);
    const text = await metrics();
    expect(sample(text, 'mc_bus_request_duration_seconds_count', { subject: 'catalog.thing.fail', outcome: 'CONFLICT' })).toBe(1);
  });

  it('shows the outbox backlog and the consumers’ pending events', async () => {
    const text = await metrics();
    expect(sample(text, 'mc_outbox_backlog')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'mc_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'mc_consumer_pending', { durable: 'catalog__evt_catalog_thing_created' })).toBeGreaterThanOrEqual(0);
  });

  it('counts a dead letter once the event is given up on', async () => {
    await service.app.get(CreateThing).execute('poison-ops', false, thingPoisoned);
    const deadLetters = await waitFor('a dead letter counted', async () =>
      sample(await metrics(), 'mc_consumer_dead_letters_total', { subject: 'evt.catalog.thing.poisoned' }),
    );
    expect(deadLetters).toBe(1);
    expect(sample(await metrics(), 'mc_dead_letter_stream_messages')).toBe(1);
  });

  it('is not ready once its database is gone', async () => {
    await service.dataSource.destroy();
    expect((await fetch(`${ops}/readyz`)).status).toBe(503);
    expect((await fetch(`${ops}/livez`)).status).toBe(200);
  });
});
