import path from 'node:path';
import { ReadModelSubjects, type ProcedureVersionView, type ReadModelFreshnessView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  freePort,
  repoRoot,
  testNamespace,
  testNatsUrl,
  type TestDatabase,
  waitFor,
} from '@mc/local-infra';
import { startBusService, type BusServiceDefinition, type RunningService } from '@mc/service-runtime';
import { startGateway, type RunningGateway } from '@mc/gateway';

export const DEMO_UNITS_FILE = path.join(repoRoot(), 'infra/demo/units.json');
export const DEMO_ACCOUNTS_FILE = path.join(repoRoot(), 'infra/demo/accounts.json');
export const DEMO_PASSWORD = 'MotCua@2026';

/**
 * A published commune procedure of four steps, for tests that stand the catalog in with a fixed version in force
 * (`PROCEDURE_CATALOG`); `overrides` make it another procedure.
 */
export const stubProcedureVersion = (overrides: Partial<ProcedureVersionView> = {}): ProcedureVersionView => ({
  code: '1.001022',
  version: 1,
  status: 'published',
  fieldName: 'Hộ tịch',
  createdAt: '2025-06-01T00:00:00.000Z',
  publishedAt: '2025-06-15T00:00:00.000Z',
  withdrawnAt: null,
  withdrawalReason: null,
  name: 'Đăng ký khai tử',
  field: 'ho_tich',
  level: 'commune',
  agency: { kind: 'people_committee', name: 'Ủy ban nhân dân cấp xã' },
  processingTime: { value: 3, unit: 'working_days', sameDayCutoff: false },
  fees: [{ kind: 'free', name: 'Lệ phí', description: 'Miễn lệ phí', currency: 'VND' }],
  components: [{ name: 'Tờ khai đăng ký khai tử', copyType: 'original', quantity: 1, reusable: false }],
  result: { type: 'extract', name: 'Trích lục khai tử' },
  channels: { counter: true, online: 'partial', postalPickup: true, postalReturn: true },
  legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
  workflow: [
    { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
    { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 50 },
    { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 30 },
    { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
  ],
  effectiveFrom: '2025-07-01',
  ...overrides,
});


/** A token from the issuer's token endpoint with the password grant, as a test or load client gets one. */
export async function passwordToken(issuer: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'mot-cua-web', username, password }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${username}: ${body.error_description}`);
  return body.access_token;
}

/** A call to the gateway's API as one of the users whose tokens the test holds. */
/**
 * Calls the gateway as the person `tokens` names (null: anonymous) and reads the JSON it answered. The
 * platform is looked up at each call, since a test starts it in its beforeAll.
 */
export function gatewayCaller(platform: () => InProcessPlatform, tokens: Record<string, string>) {
  return async (method: string, route: string, who: string | null, body?: unknown) => {
    const response = await fetch(`${platform().gateway.url}/api/v1${route}`, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever the API answered
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
}

type ApiCall = (method: string, route: string, who: string, body?: unknown) => Promise<{ status: number }>;

/** A commune civil-status procedure of 3 working days, five steps taking 10/10/50/20/10 % of them, entered and published by the province admin. */
export async function publishThreeDayProcedure(
  call: ApiCall,
  procedure: {
    code: string;
    name: string;
    components: { name: string; copyType: string; quantity: number; reusable: boolean; fileKinds?: string[]; maxSizeMb?: number }[];
    result: { type: string; name: string };
    /** Default: every channel, post included; a procedure excluded from BCCI says postalPickup false. */
    channels?: { counter: boolean; online: string; postalPickup: boolean; postalReturn: boolean };
    /** Default: reception, the office's transfer, appraisal, approval, return. */
    workflow?: { key: string; kind: string; name: string; role: string; sharePercent: number }[];
  },
): Promise<void> {
  const created = await call('POST', '/catalog/procedures', 'admin.tinh', {
    code: procedure.code,
    name: procedure.name,
    field: 'ho_tich',
    level: 'commune',
    agency: { kind: 'people_committee', name: 'Ủy ban nhân dân cấp xã' },
    processingTime: { value: 3, unit: 'working_days', sameDayCutoff: false },
    fees: [{ kind: 'free', name: 'Lệ phí', description: 'Miễn lệ phí', currency: 'VND' }],
    components: procedure.components,
    result: procedure.result,
    channels: procedure.channels ?? { counter: true, online: 'partial', postalPickup: true, postalReturn: true },
    legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
    workflow: procedure.workflow ?? [
      { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
      { key: 'chuyen-phong', kind: 'transfer', name: 'Văn phòng chuyển hồ sơ', role: 'clerical', sharePercent: 10 },
      { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 50 },
      { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
      { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
    ],
    effectiveFrom: '2026-01-01',
  });
  expect(created.status).toBe(201);
  expect((await call('POST', `/catalog/procedures/${procedure.code}/versions/1/publish`, 'admin.tinh')).status).toBe(200);
}

export interface InProcessPlatform {
  env: Record<string, string>;
  issuer: string;
  gateway: RunningGateway;
  services: RunningService[];
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * Some services and the gateway in this process, on a database and a subject
 * namespace of their own, with the demo units and accounts loaded when the
 * identity service is among them.
 */
export async function startInProcess(definitions: BusServiceDefinition[], overrides: Record<string, string> = {}): Promise<InProcessPlatform> {
  const database = await createTestDatabase();
  const namespace = testNamespace();
  const identityPort = await freePort();
  const documentsPort = await freePort();
  const issuer = `http://127.0.0.1:${identityPort}`;
  const env = {
    DATABASE_URL: database.url,
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: namespace,
    OIDC_ISSUER: issuer,
    IDENTITY_HTTP_PORT: String(identityPort),
    DOCUMENTS_HTTP_PORT: String(documentsPort),
    DOCUMENTS_HTTP_URL: `http://127.0.0.1:${documentsPort}`,
    DEMO_UNITS_FILE,
    DEMO_ACCOUNTS_FILE,
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
  const services = await Promise.all(definitions.map((definition) => startBusService(definition, env)));
  const gateway = await startGateway(env);
  return {
    env,
    issuer,
    gateway,
    services,
    database,
    async stop() {
      await gateway.close();
      await Promise.all(services.map((service) => service.close()));
      await deleteNamespaceStreams(testNatsUrl(), namespace);
      await database.drop();
    },
  };
}

/**
 * Waits until the dossier service has applied everything the other services
 * committed: every outbox is empty, and the dossier's read-model consumers,
 * checked after that, have nothing pending. A submission right after a
 * publication would otherwise meet the lag the design accepts (a few tens of
 * milliseconds, docs/architecture.md).
 */
export async function dossierCaughtUp(platform: InProcessPlatform, timeoutMs = 30_000): Promise<void> {
  for (const service of platform.services) {
    await waitFor('outbox drained', async () => Number((await service.dataSource.query('SELECT count(*) AS n FROM outbox'))[0].n) === 0, timeoutMs);
  }
  const since = Date.now();
  const bus = (platform.services[0] as RunningService).app.get(NatsClientProxy);
  await waitFor('the dossier read models current', async () => {
    const view = await bus.request<ReadModelFreshnessView>(ReadModelSubjects.dossierFreshness, {});
    return view.feeds.every((feed) => feed.pending === 0 && Date.parse(feed.checkedAt ?? '') > since);
  }, timeoutMs);
}
