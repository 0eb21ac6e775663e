import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@mc/contracts';
import type { Principal, Role } from '@mc/auth';
import { Bus } from '@mc/messaging';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { demoUnits } from '../../../load-tests/benchmarks/synthetic-dossiers';
import { GetReportFreshness } from '../src/read-models/get-report-freshness';
import type { Clock } from '../src/clock';
import { createReportingModule } from '../src/reporting.module';
import { reportingService } from '../src/reporting.service';

export interface TestReporting {
  service: RunningService;
  bus: Bus;
  url: string;
  namespace: string;
  /** Publishes events as their producer's outbox relay does: pipelined, with the event id as Nats-Msg-Id. */
  publish(events: EventEnvelope[], options?: { msgId?: (event: EventEnvelope) => string }): Promise<void>;
  /** Waits until the projection has applied everything in the stream. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the service and keeps the database and streams, as a replica going away. */
  stopService(): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  replicaOf?: { url: string; namespace: string };
  env?: Record<string, string>;
  /** The clock the reports judge open dossiers by; the system's by default. */
  clock?: Clock;
}

export const subjectOf = (event: EventEnvelope) => `evt.${event.source}.${event.type}`;

/** The reporting service in this process on a database and bus namespace of its own. */
export async function startReporting(options: StartOptions = {}): Promise<TestReporting> {
  const namespace = options.replicaOf?.namespace ?? testNamespace();
  const database: TestDatabase | undefined = options.replicaOf ? undefined : await createTestDatabase();
  const url = options.replicaOf?.url ?? database!.url;
  const env = {
    DATABASE_URL: url,
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: namespace,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    BUS_MAX_DELIVER: '3',
    BUS_RETRY_DELAY_MS: '50',
    ...options.env,
  };
  const service = await startBusService(options.clock ? { ...reportingService, module: createReportingModule(options.clock) } : reportingService, env);
  let stopped = false;
  const stopService = async () => {
    if (stopped) return;
    stopped = true;
    await service.close();
  };
  const bus = await Bus.connect({ url: testNatsUrl(), namespace, service: 'reporting' });
  const publish: TestReporting['publish'] = async (events, publishOptions = {}) => {
    for (const producer of new Set(events.map((event) => event.source))) await bus.ensureEventStream(producer);
    for (let index = 0; index < events.length; index += 500) {
      await Promise.all(
        events.slice(index, index + 500).map((event) =>
          bus.js.publish(bus.subject(subjectOf(event)), JSON.stringify(event), { msgID: publishOptions.msgId?.(event) ?? event.id }),
        ),
      );
    }
  };
  return {
    service,
    bus,
    url,
    namespace,
    publish,
    async caughtUp(timeoutMs = 60_000) {
      const freshness = service.app.get(GetReportFreshness);
      await waitFor('the projection to catch up', async () => (await freshness.execute()).pendingEvents === 0, timeoutMs, 100).catch(async (error) => {
        // What the consumers looked like when it gave up, to tell a stuck delivery from a slow one.
        const consumers = [];
        for await (const info of bus.jsm.consumers.list(bus.streamName('EVT_DOSSIER'))) {
          consumers.push({ name: info.name, pending: info.num_pending, ackPending: info.num_ack_pending, delivered: info.delivered.stream_seq });
        }
        throw new Error(`${(error as Error).message}; consumers: ${JSON.stringify(consumers)}`);
      });
    },
    stopService,
    async close() {
      await bus.close();
      await stopService();
      if (!database) return;
      await deleteNamespaceStreams(testNatsUrl(), namespace);
      await database.drop();
    },
  };
}

/** The demo unit tree as identity publishes it when it creates each unit. */
export function demoUnitEvents(at = '2025-07-01T00:00:00.000Z'): EventEnvelope[] {
  return demoUnits().map((unit) => ({
    id: randomUUID(),
    type: 'unit.created',
    version: 1,
    source: 'identity',
    occurredAt: at,
    data: { code: unit.code, name: unit.name, kind: unit.kind, parentCode: unit.parentCode, path: unit.path, validFrom: null, validTo: unit.validTo },
  }));
}

const PATHS = new Map(demoUnits().map((unit) => [unit.code, unit.path]));

export const principal = (username: string, role: Role, unit: string): Principal => ({
  subject: randomUUID(),
  username,
  kind: 'staff',
  roles: [{ role, unit, path: PATHS.get(unit)! }],
  clientId: 'mot-cua-web',
});

export const provinceAdmin = principal('admin.tinh', 'province_admin', '20');
export const wardLeader = principal('lanhdao.dk', 'leader', '05977');
