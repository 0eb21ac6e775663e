import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVICE_NAMES } from '@mc/contracts';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  freePort,
  serviceEntry,
  spawnService,
  testNamespace,
  testNatsUrl,
  waitFor,
  type ServiceProcess,
  type TestDatabase,
} from '@mc/local-infra';
import { DEMO_ACCOUNTS_FILE, DEMO_UNITS_FILE, passwordToken } from './support';

const S3rver = require('@20minutes/s3rver');

/** The eight built services as child processes, as `npm start` runs them, on a database and namespace of their own. */
describe('the platform as eight processes', () => {
  const namespace = testNamespace();
  const output = new Map<string, string[]>();
  const processes = new Map<string, ServiceProcess>();
  let database: TestDatabase;
  let s3: { close(): Promise<void> };
  let s3Dir: string;
  let env: Record<string, string>;
  let gatewayUrl: string;
  let issuer: string;

  const start = (name: string, overrides: Record<string, string> = {}) => {
    output.set(name, []);
    const child = spawnService(name, { ...env, ...overrides }, (service, line) => output.get(service)?.push(line));
    processes.set(name, child);
    return child;
  };
  const health = async () => {
    const response = await fetch(`${gatewayUrl}/api/v1/health`);
    return { status: response.status, body: (await response.json()) as { status: string; services: Record<string, string> } };
  };

  beforeAll(async () => {
    if (!existsSync(serviceEntry('gateway'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    database = await createTestDatabase();
    s3Dir = mkdtempSync(path.join(tmpdir(), 'mc-s3-'));
    const s3Port = await freePort();
    s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: s3Dir, silent: true });
    await (s3 as unknown as { run(): Promise<unknown> }).run();
    const [gatewayPort, identityPort, documentsPort] = [await freePort(), await freePort(), await freePort()];
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    issuer = `http://127.0.0.1:${identityPort}`;
    env = {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      OIDC_ISSUER: issuer,
      IDENTITY_HTTP_PORT: String(identityPort),
      DOCUMENTS_HTTP_PORT: String(documentsPort),
      DOCUMENTS_HTTP_URL: `http://127.0.0.1:${documentsPort}`,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_HOST: '127.0.0.1',
      HEALTH_TIMEOUT_MS: '1000',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      DEMO_UNITS_FILE,
      DEMO_ACCOUNTS_FILE,
      LOG_LEVEL: 'warn',
    };
    for (const name of SERVICE_NAMES) start(name);
    await waitFor('all eight services up', async () => (await health().catch(() => null))?.status === 200, 60_000, 250);
  });

  afterAll(async () => {
    await Promise.all([...processes.values()].map((child) => child.stop()));
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  it('lists all eight services as up', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.services).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(Object.values(body.services).every((state) => state === 'up')).toBe(true);
  });

  it('records a probe through the gateway with a real token, and reporting receives its event', async () => {
    const token = await passwordToken(issuer, 'admin.tinh');
    const auth = { authorization: `Bearer ${token}` };
    const created = await fetch(`${gatewayUrl}/api/v1/diagnostics/pipeline-probes`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'Kiểm tra sau khi triển khai' }),
    });
    expect(created.status).toBe(201);
    const { probeId, note, recordedBy } = (await created.json()) as { probeId: string; note: string; recordedBy: string };
    expect({ note, recordedBy }).toEqual({ note: 'Kiểm tra sau khi triển khai', recordedBy: 'admin.tinh' });

    const receipt = await waitFor('probe receipt', async () => {
      const response = await fetch(`${gatewayUrl}/api/v1/diagnostics/pipeline-probes/${probeId}`, { headers: auth });
      return response.status === 200 ? ((await response.json()) as { probeId: string; lagMs: number }) : undefined;
    });
    expect(receipt.probeId).toBe(probeId);
    expect(receipt.lagMs).toBeGreaterThanOrEqual(0);
  });

  it('answers a clerk who is not a province admin with 403 FORBIDDEN', async () => {
    const token = await passwordToken(issuer, 'tiepnhan.lvt');
    const response = await fetch(`${gatewayUrl}/api/v1/diagnostics/pipeline-probes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('rejects a token whose signature was tampered with: 401 UNAUTHENTICATED, verified by the service itself', async () => {
    const token = await passwordToken(issuer, 'admin.tinh');
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    const response = await fetch(`${gatewayUrl}/api/v1/diagnostics/pipeline-probes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${forged}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('reports a stopped service down with 503, and up again once it is back', async () => {
    const exitCode = await processes.get('dossier')!.stop('SIGTERM');
    expect(exitCode).toBe(0); // drained and closed, not killed

    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('degraded');
    expect(down.body.services.dossier).toBe('down');
    expect(Object.entries(down.body.services).filter(([, state]) => state === 'down')).toEqual([['dossier', 'down']]);

    start('dossier');
    await waitFor('dossier back', async () => (await health()).status === 200, 30_000, 250);
    expect((await health()).body.services.dossier).toBe('up');
  });

  it('stops a service with a bad variable, naming the variable', async () => {
    const lines: string[] = [];
    const child = spawnService('catalog', { ...env, NATS_URL: 'localhost:4222', DB_POOL_SIZE: 'nhiều' }, (_, line) => lines.push(line));
    expect(await child.exited).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain('NATS_URL');
    expect(text).toContain('DB_POOL_SIZE');
  });
});
