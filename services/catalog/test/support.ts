import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { eventStreamName, type EventEnvelope } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { createTestDatabase, deleteNamespaceStreams, repoRoot, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { startBusService, type Clock, type RunningService } from '@mc/service-runtime';
import { createCatalogModule } from '../src/catalog.module';
import { catalogService } from '../src/catalog.service';

export const DEMO_CATALOG_FILE = path.join(repoRoot(), 'infra/demo/catalog/procedures.json');

export interface TestCatalog {
  service: RunningService;
  namespace: string;
  close(): Promise<void>;
}

/** The catalog service in this process, on a database and subject namespace of its own; on the system's clock unless given one. */
export async function startCatalog(env: Record<string, string> = {}, clock?: Clock): Promise<TestCatalog> {
  const namespace = testNamespace();
  const database: TestDatabase = await createTestDatabase();
  const service = await startBusService(clock ? { ...catalogService, module: createCatalogModule(clock) } : catalogService, {
    DATABASE_URL: database.url,
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: namespace,
    BUS_REQUEST_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  return {
    service,
    namespace,
    async close() {
      await service.close();
      await deleteNamespaceStreams(testNatsUrl(), namespace);
      await database.drop();
    },
  };
}

const principal = (username: string, role: Principal['roles'][number]['role'], unit: string, kind: Principal['kind'] = 'staff'): Principal => ({
  subject: randomUUID(),
  username,
  kind,
  roles: kind === 'citizen' ? [] : [{ role, unit, path: unit === '20' ? '/20/' : `/20/${unit}/` }],
  clientId: 'mot-cua-web',
});

export const provinceAdmin = principal('admin.tinh', 'province_admin', '20');
export const clerk = principal('tiepnhan.lvt', 'clerk', '05983');
export const unitAdmin = (unit: string) => principal(`quantri.${unit}`, 'unit_admin', unit);
export const citizen = principal('cong.dan', 'citizen', '05983', 'citizen');

/** A procedure that passes every rule; tests break one thing at a time. */
export function validProcedure(code: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code,
    name: 'Đăng ký khai sinh thử nghiệm',
    field: 'ho_tich',
    level: 'commune',
    agency: { kind: 'people_committee', name: 'Ủy ban nhân dân cấp xã' },
    processingTime: { value: 3, unit: 'working_days', sameDayCutoff: false },
    fees: [{ kind: 'fixed', name: 'Lệ phí', amount: 8000, currency: 'VND' }],
    components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
    result: { type: 'certificate', name: 'Giấy khai sinh' },
    channels: { counter: true, online: 'partial', postalPickup: false, postalReturn: true },
    legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
    workflow: [
      { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận', role: 'clerk', sharePercent: 10 },
      { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 60 },
      { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
      { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
    ],
    effectiveFrom: '2026-01-01',
    ...overrides,
  };
}

/** Everything a write could leave behind: rows, pending events, the search revision and published events. */
export async function footprint(service: RunningService): Promise<Record<string, number>> {
  const dataSource = service.app.get(DataSource);
  await waitFor('outbox relayed', async () => Number((await dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n) === 0);
  const [counts] = await dataSource.query(`
    SELECT (SELECT count(*)::int FROM procedures) AS procedures,
           (SELECT count(*)::int FROM procedure_versions) AS versions,
           (SELECT count(*)::int FROM adoptions) AS adoptions,
           (SELECT count(*)::int FROM outbox) AS outbox,
           (SELECT revision::int FROM search_revision) AS revision`);
  const stream = await service.bus.jsm.streams.info(service.bus.streamName(eventStreamName('catalog'))).catch(() => null);
  return { ...counts, events: stream?.state.messages ?? 0 };
}

/** The last event published on a subject, once it has arrived on the stream. */
export async function lastEvent<T>(service: RunningService, subject: string, matches: (data: T) => boolean): Promise<EventEnvelope<T>> {
  const { bus } = service;
  return waitFor(`event on ${subject}`, async () => {
    const message = await bus.jsm.streams.getMessage(bus.streamName(eventStreamName('catalog')), { last_by_subj: bus.subject(subject) });
    const envelope = message?.json<EventEnvelope<T>>();
    return envelope && matches(envelope.data) ? envelope : undefined;
  });
}
