import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, type TestDatabase } from '@mc/local-infra';
import { startBusService } from '@mc/service-runtime';
import { signaturesService } from '@mc/signatures';

/** The default profile's province test CA: created by the signatures service at its first start, kept as it is by the next. */
describe('the province test CA', () => {
  let dir: string;
  let database: TestDatabase;
  const namespace = testNamespace();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mc-ca-'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is created under SIGNATURES_CA_DIR at the first start and reused, unchanged, after a restart', async () => {
    const caDir = path.join(dir, '.data/signatures/test-ca');
    const env = { DATABASE_URL: database.url, NATS_URL: testNatsUrl(), BUS_NAMESPACE: namespace, SIGNATURES_CA_DIR: caDir, LOG_LEVEL: 'silent' };
    expect(existsSync(caDir)).toBe(false);
    await (await startBusService(signaturesService, env)).close();
    const manifest = JSON.parse(readFileSync(path.join(caDir, 'manifest.json'), 'utf8')) as { keys: Record<string, string> };
    expect(Object.keys(manifest.keys)).toEqual(expect.arrayContaining(['lanhdao.lvt', 'tiepnhan.lvt', 'seal-05983', 'tsa']));
    const root = readFileSync(path.join(caDir, 'root-ca.cer'));
    const leaderKey = readFileSync(path.join(caDir, 'lanhdao.lvt.p12'));
    await (await startBusService(signaturesService, env)).close();
    expect(readFileSync(path.join(caDir, 'root-ca.cer')).equals(root)).toBe(true);
    expect(readFileSync(path.join(caDir, 'lanhdao.lvt.p12')).equals(leaderKey)).toBe(true);
  });
});
