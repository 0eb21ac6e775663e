import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { CatalogSubjects, type ProcedureSearchPage, type SearchProceduresRequest } from '@mc/contracts';
import { Bus, NatsClientProxy } from '@mc/messaging';
import { createTestDatabase, deleteNamespaceStreams, repoRoot, testNamespace, testNatsUrl, waitFor } from '@mc/local-infra';
import { startBusService } from '@mc/service-runtime';
import { catalogService, LoadDemoCatalog, SearchProcedures } from '@mc/catalog';

/**
 * Search latency over a province-sized catalogue: the demo catalogue multiplied
 * to 5,000 procedures in a database of its own, then searches with the
 * unaccented queries people type, through the use case and over NATS.
 *
 *   node tools/build.js && node dist/load-tests/benchmarks/search-benchmark.js
 *
 * Options (environment): BENCH_PROCEDURES (5000), BENCH_SEARCHES (2000), BENCH_CONCURRENCY (8).
 * Needs Postgres and NATS as the tests do (TEST_DATABASE_URL, TEST_NATS_URL).
 */

const PROCEDURES = Number(process.env.BENCH_PROCEDURES ?? 5_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

/** What citizens and clerks type, without marks; some with a filter or a later page. */
const QUERIES: Omit<SearchProceduresRequest, 'cursor'>[] = [
  { q: 'dang ky khai sinh' },
  { q: 'khai sinh' },
  { q: 'dang ky ket hon' },
  { q: 'ket hon co yeu to nuoc ngoai' },
  { q: 'khai tu' },
  { q: 'dang ky lai khai sinh' },
  { q: 'xac nhan tinh trang hon nhan' },
  { q: 'trich luc ho tich' },
  { q: 'chung thuc ban sao' },
  { q: 'chung thuc chu ky' },
  { q: 'chung thuc hop dong giao dich' },
  { q: 'di chuc' },
  { q: 'ho kinh doanh' },
  { q: 'thanh lap ho kinh doanh' },
  { q: 'giay phep xay dung' },
  { q: 'gia han giay phep xay dung' },
  { q: 'dat dai lan dau' },
  { q: 'giay chung nhan quyen su dung dat' },
  { q: 'tam tru' },
  { q: 'dang ky thuong tru' },
  { q: 'tro cap xa hoi' },
  { q: 'khuyet tat' },
  { q: 'mai tang' },
  { q: 'ho ngheo' },
  { q: 'giay phep lao dong nguoi nuoc ngoai' },
  { q: 'nuoi con nuoi' },
  { q: 'dang ky kh' },
  { q: 'chung th' },
  { q: '1.001193' },
  { q: '2.000815' },
  { q: '1.0' },
  { q: 'dang ky', offset: 40 },
  { q: 'cap', field: 'xay_dung' },
  { field: 'ho_tich' },
  { level: 'province', limit: 50 },
  {},
];

/** Qualifiers that turn one demo procedure into many distinct, realistic-looking ones. */
const QUALIFIERS = [
  'tại Trung tâm Phục vụ hành chính công',
  'trường hợp có yếu tố nước ngoài',
  'đối với người dân tộc thiểu số',
  'thực hiện lưu động',
  'trường hợp ủy quyền',
  'cho người cao tuổi',
  'tại khu vực biên giới',
  'đối với tổ chức',
  'đối với cá nhân',
  'trường hợp bị mất, hư hỏng',
  'liên thông điện tử',
  'tại đặc khu',
  'đối với hộ gia đình',
  'trường hợp đặc biệt',
  'theo quy định riêng của tỉnh',
  'cho đối tượng chính sách',
  'khi có thay đổi thông tin',
  'trên môi trường điện tử',
  'đối với doanh nghiệp nhỏ',
  'tại xã miền núi',
];

interface Demo {
  procedures: Record<string, unknown>[];
}

function multiplyDemoCatalogue(count: number): Demo {
  const demo = JSON.parse(readFileSync(path.join(repoRoot(), 'infra/demo/catalog/procedures.json'), 'utf8')) as Demo;
  const base = demo.procedures.map(({ $comment: _comment, ...procedure }) => procedure);
  const procedures = Array.from({ length: count }, (_, index) => {
    const original = base[index % base.length];
    if (index < base.length) return original;
    const round = Math.floor(index / base.length);
    const first = QUALIFIERS[round % QUALIFIERS.length];
    const second = QUALIFIERS[Math.floor(round / QUALIFIERS.length) % QUALIFIERS.length];
    return {
      ...original,
      code: `3.${String(100_000 + index).padStart(6, '0')}`,
      name: round < QUALIFIERS.length ? `${original.name} ${first}` : `${original.name} ${first}, ${second}`,
    };
  });
  return { procedures };
}

interface Run {
  label: string;
  concurrency: number;
  latencies: number[];
  elapsedMs: number;
}

async function measure(label: string, concurrency: number, search: (query: SearchProceduresRequest) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < SEARCHES) {
        const query = QUERIES[next++ % QUERIES.length];
        const t0 = performance.now();
        await search(query);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { label, concurrency, latencies, elapsedMs: performance.now() - started };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value: number) => value.toFixed(2);

function report(run: Run): string {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const throughput = (run.latencies.length / run.elapsedMs) * 1000;
  return `| ${run.label} | ${run.concurrency} | ${run.latencies.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(percentile(sorted, 99))} | ${ms(sorted[sorted.length - 1])} | ${throughput.toFixed(0)} |`;
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const namespace = testNamespace();
  const dir = mkdtempSync(path.join(tmpdir(), 'mc-catalog-bench-'));
  const service = await startBusService(catalogService, {
    DATABASE_URL: database.url,
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
  });
  const bus = await Bus.connect({ url: testNatsUrl(), namespace, service: 'gateway' });
  try {
    const file = path.join(dir, 'procedures.json');
    writeFileSync(file, JSON.stringify(multiplyDemoCatalogue(PROCEDURES)));
    let t0 = performance.now();
    const created = await service.app.get(LoadDemoCatalog).execute(file);
    const loadMs = performance.now() - t0;
    const dataSource = service.app.get(DataSource);
    // Let the relay publish the load's events first, so it does not compete with the searches.
    await waitFor('outbox drained', async () => Number((await dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n) === 0, 300_000, 200);

    const useCase = service.app.get(SearchProcedures);
    t0 = performance.now();
    const first = await useCase.execute({ q: 'dang ky khai sinh' });
    const coldMs = performance.now() - t0;
    // A change elsewhere (another replica publishing) makes the next search reload the catalogue.
    const reloads: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      await dataSource.query('UPDATE search_revision SET revision = revision + 1');
      t0 = performance.now();
      await useCase.execute({ q: 'ket hon' });
      reloads.push(performance.now() - t0);
    }
    reloads.sort((a, b) => a - b);

    const client = new NatsClientProxy(bus, 10_000);
    const overNats = (query: SearchProceduresRequest) => client.request<ProcedureSearchPage>(CatalogSubjects.search, query);
    await measure('warm-up', 4, (query) => useCase.execute(query));
    const runs = [
      await measure('use case (in process)', 1, (query) => useCase.execute(query)),
      await measure('NATS request/reply', 1, overNats),
      await measure('NATS request/reply', CONCURRENCY, overNats),
    ];

    const [pg] = await dataSource.query('SHOW server_version');
    const lines = [
      `catalogue: ${created} procedures loaded in ${(loadMs / 1000).toFixed(1)} s (one transaction and one event each)`,
      `first search "dang ky khai sinh": ${first.total} matches, top ${first.items[0]?.code}; cold (load + fold ${created} procedures) ${ms(coldMs)} ms`,
      `search right after a change (reload): p50 ${ms(percentile(reloads, 50))} ms, max ${ms(reloads[reloads.length - 1])} ms over ${reloads.length} changes`,
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, Postgres ${pg.server_version}, ${QUERIES.length} distinct queries cycled`,
      '',
      '| path | concurrency | searches | p50 ms | p95 ms | p99 ms | max ms | searches/s |',
      '|---|---|---|---|---|---|---|---|',
      ...runs.map(report),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await bus.close();
    await service.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`search benchmark failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
