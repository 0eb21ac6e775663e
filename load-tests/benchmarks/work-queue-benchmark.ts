import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { WorkQueueSubjects, type ListWorkQueueRequest, type WorkQueueFilter } from '@mc/contracts';
import { Bus, BusHeader, NatsClientProxy } from '@mc/messaging';
import type { Principal } from '@mc/auth';
import { createTestDatabase, deleteNamespaceStreams, repoRoot, testNamespace, testNatsUrl } from '@mc/local-infra';
import { startBusService } from '@mc/service-runtime';
import { CountWorkQueues, ListWorkQueue, systemClock, workQueueServiceForTests } from '@mc/dossier';

/**
 * Work-queue latency over a province's two years of dossiers: 1,000,000
 * generated dossiers over the 65 communes and wards of Lạng Sơn, then every
 * queue and the dashboard counts for a clerk at a busy ward, a clerk at a quiet
 * commune and the province admin, through the use case, with each plan.
 *
 *   node tools/build.js && node dist/load-tests/benchmarks/work-queue-benchmark.js
 *
 * Options (environment): BENCH_DOSSIERS (1000000), BENCH_RUNS (500), BENCH_PLANS (1: print every plan).
 * Needs Postgres and NATS as the tests do (TEST_DATABASE_URL, TEST_NATS_URL); pgbench for the baseline.
 */

/** A loopback issuer (discovery and JWKS) so the service verifies real staff tokens on the NATS path. */
async function startIssuer() {
  const pair = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') return void response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    if (request.url === '/jwks') return void response.end(JSON.stringify({ keys: [jwk] }));
    response.statusCode = 404;
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = (principal: Principal) =>
    new SignJWT({ mc_kind: principal.kind, mc_roles: principal.roles, preferred_username: principal.username, azp: principal.clientId })
      .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
      .setSubject(principal.subject)
      .setIssuer(issuer)
      .setAudience('mot-cua')
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(pair.privateKey);
  return { issuer, sign, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const NATS_RUNS = Math.min(RUNS, 200);
const PRINT_PLANS = process.env.BENCH_PLANS !== '0';
const BATCH = 100_000;

interface Unit {
  code: string;
  kind: string;
}

/** Wards are the busy ones; a handful of large communes next; the other communes are quiet. */
function communes(): { code: string; path: string; weight: number }[] {
  const units = (JSON.parse(readFileSync(path.join(repoRoot(), 'infra/demo/units.json'), 'utf8')) as { units: Unit[] }).units;
  const local = units.filter((unit) => unit.kind === 'ward' || unit.kind === 'commune');
  let communeRank = 0;
  return local.map((unit) => {
    const weight = unit.kind === 'ward' ? 12 : communeRank++ < 8 ? 3 : 1;
    return { code: unit.code, path: `/20/${unit.code}/`, weight };
  });
}

const PROCEDURES = Array.from({ length: 40 }, (_, index) => `1.${String(689 + index * 37).padStart(6, '0')}`);
/** Procedures decided at a provincial department though received at the commune. */
const DEPARTMENTS = ['20.STP', '20.SXD', '20.SNNMT', '20.SNV'];

const WORKFLOW = JSON.stringify([
  { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
  { key: 'chuyen-phong', kind: 'transfer', name: 'Văn phòng chuyển hồ sơ', role: 'clerical', sharePercent: 10 },
  { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 50 },
  { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
  { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
]);

/**
 * One batch, set-based. About 5% of dossiers are open, all received in the last
 * 40 days; the rest were received over two years and finished. Open states:
 * 80% in progress (steps 0–3), 10% awaiting a supplement, 4% approved, 6% result ready.
 */
const INSERT = `
  WITH g AS (
    SELECT i, random() AS r_unit, random() AS r_open, random() AS r_state, random() AS r_proc, random() AS r_dept,
           random() AS r_time, random() AS r_due, random() AS r_step, random() AS r_chan
      FROM generate_series($1::int, $2::int) AS i
  ), p AS (
    SELECT g.*, (SELECT u FROM bench_units u WHERE u.idx = width_bucket(g.r_unit, $3::float8[])) AS u,
           $6::text[] AS procs, $7::text[] AS depts,
           r_open < 0.05 AS open,
           CASE WHEN r_open < 0.05 THEN $5::timestamptz - r_time * interval '40 days'
                ELSE $5::timestamptz - interval '40 days' - r_time * interval '690 days' END AS received
      FROM g
  ), q AS (
    SELECT p.*, (u).code AS unit_code, (u).path AS unit_path,
           procs[1 + floor(r_proc * array_length(procs, 1))::int] AS proc,
           r_proc < 0.15 AS at_department,
           depts[1 + floor(r_dept * array_length(depts, 1))::int] AS dept,
           received + (2 + floor(r_due * 20)) * interval '1 day' AS due,
           CASE WHEN open THEN
                  CASE WHEN r_state < 0.80 THEN 'in_progress' WHEN r_state < 0.90 THEN 'awaiting_supplement'
                       WHEN r_state < 0.94 THEN 'approved' ELSE 'result_ready' END
                ELSE CASE WHEN r_state < 0.88 THEN 'returned' WHEN r_state < 0.91 THEN 'refused'
                          WHEN r_state < 0.96 THEN 'withdrawn' ELSE 'stopped' END END AS st
      FROM p
  )
  INSERT INTO dossiers (id, code, tracking_token, procedure_code, procedure_version, procedure_name, processing_time, workflow,
                        channel, receiving_unit_code, receiving_unit_path, competent_unit_code, competent_unit_path, owner_subject,
                        applicant, components, return_method, state, step_index, step_started_at, step_due_at, received_at, due_at,
                        paused_at, statutory_working_ms, supplement_requests, finished_at, on_time)
  SELECT gen_random_uuid(), unit_code || '-' || to_char(received, 'YYMMDD') || '-' || i, md5(i::text), proc, 1,
         'Thủ tục ' || proc, '{"value": 5, "unit": "working_days", "sameDayCutoff": false}', $4::jsonb,
         CASE WHEN r_chan < 0.55 THEN 1 WHEN r_chan < 0.95 THEN 2 ELSE 3 END,
         unit_code, unit_path,
         CASE WHEN at_department THEN dept ELSE unit_code END,
         CASE WHEN at_department THEN '/20/' || dept || '/' ELSE unit_path END,
         NULL,
         jsonb_build_object('kind', 'individual', 'fullName', 'Người nộp ' || i, 'idNumber', lpad(i::text, 12, '0')),
         '[{"name": "Tờ khai", "copyType": "original", "quantity": 1}]', 'counter', st,
         CASE st WHEN 'in_progress' THEN floor(r_step * 4)::int WHEN 'awaiting_supplement' THEN 1 + floor(r_step * 2)::int ELSE 4 END,
         received, due, received, due,
         CASE WHEN st = 'awaiting_supplement' THEN $5::timestamptz - r_step * interval '5 days' END,
         144000000, CASE WHEN st = 'awaiting_supplement' THEN 1 ELSE 0 END,
         CASE WHEN open THEN NULL ELSE received + r_due * (due - received) * 1.2 END,
         CASE WHEN open THEN NULL ELSE r_due < 0.83 END
    FROM q`;

/**
 * The benchmark's dossiers, inserted set-based in batches of 100,000 into the
 * dossier service's `dossiers` table (also used by the console's work-queue
 * benchmark, which seeds the same province).
 */
export async function seedWorkQueueDossiers(dataSource: DataSource, count: number, now: Date): Promise<void> {
  const units = communes();
  const total = units.reduce((sum, unit) => sum + unit.weight, 0);
  let cumulative = 0;
  const thresholds = units.map((unit) => (cumulative += unit.weight / total)).slice(0, -1);
  // width_bucket answers 0 below the first threshold, hence units numbered from 0.
  await dataSource.query('CREATE TABLE bench_units (idx int PRIMARY KEY, code text, path text)');
  await dataSource.query('INSERT INTO bench_units SELECT ordinality::int - 1, code, path FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(code, path)', [
    units.map((unit) => unit.code),
    units.map((unit) => unit.path),
  ]);
  for (let from = 1; from <= count; from += BATCH) {
    await dataSource.query(INSERT, [from, Math.min(count, from + BATCH - 1), thresholds, WORKFLOW, now, PROCEDURES, DEPARTMENTS]);
    process.stderr.write(`inserted ${Math.min(count, from + BATCH - 1)}\n`);
  }
}

const staff = (username: string, role: Principal['roles'][number]['role'], unit: string, unitPath: string): Principal => ({
  subject: `bench-${username}`,
  username,
  kind: 'staff',
  roles: [{ role, unit, path: unitPath }],
  clientId: 'bench',
});

interface Case {
  caller: string;
  label: string;
  sql: string;
  values: unknown[];
  run: () => Promise<unknown>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (value: number) => value.toFixed(2);

async function measure(run: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let index = 0; index < 20; index += 1) await run();
  const latencies: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const t0 = performance.now();
    await run();
    latencies.push(performance.now() - t0);
  }
  return latencies.sort((a, b) => a - b);
}

/** The machine's own floor: a primary-key lookup per transaction, one client, in a scratch database. */
function pgbenchBaseline(serverUrl: string): string {
  const url = new URL(serverUrl);
  const name = `mc_pgbench_${process.pid}`;
  const env = { ...process.env, PGHOST: url.hostname, PGPORT: url.port || '5432', PGUSER: decodeURIComponent(url.username || 'postgres'), PGPASSWORD: decodeURIComponent(url.password) };
  const run = ([command, ...args]: [string, ...string[]]) => execFileSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  run(['psql', '-d', 'postgres', '-c', `CREATE DATABASE ${name}`]);
  try {
    run(['pgbench', '-i', '-s', '10', '-q', name]);
    const out = run(['pgbench', '-S', '-c', '1', '-T', '10', name]);
    const tps = /tps = ([\d.]+)/.exec(out)?.[1] ?? '?';
    const latency = /latency average = ([\d.]+) ms/.exec(out)?.[1] ?? '?';
    return `pgbench -S -c 1 -T 10 (scale 10): ${tps} tps, average latency ${latency} ms`;
  } finally {
    run(['psql', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${name}`]);
  }
}

async function explain(dataSource: DataSource, sql: string, values: unknown[]): Promise<string> {
  const rows: { 'QUERY PLAN': string }[] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const namespace = testNamespace();
  const issuer = await startIssuer();
  const service = await startBusService(workQueueServiceForTests(systemClock), {
    DATABASE_URL: database.url,
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: namespace,
    OIDC_ISSUER: issuer.issuer,
    LOG_LEVEL: 'warn',
  });
  const bus = await Bus.connect({ url: testNatsUrl(), namespace, service: 'gateway' });
  try {
    const dataSource = service.app.get(DataSource);
    const now = new Date();
    let t0 = performance.now();
    await seedWorkQueueDossiers(dataSource, DOSSIERS, now);
    const loadMs = performance.now() - t0;
    t0 = performance.now();
    await dataSource.query('VACUUM (ANALYZE) dossiers');
    const analyseMs = performance.now() - t0;
    const [shape] = await dataSource.query(`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE finished_at IS NULL)::int AS open,
             pg_size_pretty(pg_total_relation_size('dossiers')) AS size FROM dossiers`);
    const perUnit: { code: string; open: number; total: number }[] = await dataSource.query(`
      SELECT receiving_unit_code AS code, count(*) FILTER (WHERE finished_at IS NULL)::int AS open, count(*)::int AS total
        FROM dossiers GROUP BY 1 ORDER BY 3 DESC`);
    const busy = perUnit[0];
    const quiet = perUnit[perUnit.length - 1];
    if (!busy || !quiet) throw new Error('no dossiers generated');

    const callers: [string, Principal][] = [
      [`clerk, busy ward ${busy.code}`, staff('tiepnhan.busy', 'clerk', busy.code, `/20/${busy.code}/`)],
      [`clerk, quiet commune ${quiet.code}`, staff('tiepnhan.quiet', 'clerk', quiet.code, `/20/${quiet.code}/`)],
      ['province admin', staff('quantri.tinh', 'province_admin', '20', '/20/')],
    ];
    const list = service.app.get(ListWorkQueue);
    const counts = service.app.get(CountWorkQueues);
    const cases: Case[] = [];
    for (const [caller, principal] of callers) {
      const requests: [string, ListWorkQueueRequest][] = [
        ['mine', { queue: 'mine' }],
        ['unit', { queue: 'unit' }],
        ['due_soon', { queue: 'due_soon' }],
        ['overdue', { queue: 'overdue' }],
        ['waiting_supplement', { queue: 'waiting_supplement' }],
        ['unit + procedure + channel', { queue: 'unit', procedureCode: PROCEDURES[0], channel: 'online' }],
        ['overdue + state', { queue: 'overdue', state: 'in_progress' }],
      ];
      for (const [label, request] of requests) {
        const first = await list.execute({ ...request, limit: 50 }, principal);
        // The third page of 50, as a clerk scrolling on gets it.
        const second = first.nextCursor ? await list.execute({ ...request, limit: 50, cursor: first.nextCursor }, principal) : null;
        const paged = second?.nextCursor ? { ...request, limit: 50, cursor: second.nextCursor } : { ...request, limit: 50 };
        for (const [suffix, input] of [['', { ...request, limit: 50 }], [' (page 3)', paged]] as const) {
          if (suffix && !second?.nextCursor) continue;
          const { sql, values } = list.query(input, principal);
          cases.push({ caller, label: `${label}${suffix}`, sql, values, run: () => list.execute(input, principal) });
        }
      }
      const filter: WorkQueueFilter = {};
      const { sql, values } = counts.query(filter, principal);
      cases.push({ caller, label: 'counts (all five)', sql, values, run: () => counts.execute(filter, principal) });
    }
    // The same overdue queue with the scope as one LIKE ANY over the grant paths, to show why it is not used.
    const quietPath = `/20/${quiet.code}/%`;
    const likeAny = `SELECT id FROM dossiers WHERE finished_at IS NULL AND paused_at IS NULL AND due_at < $2
                       AND (receiving_unit_path LIKE ANY($1) OR competent_unit_path LIKE ANY($1)) ORDER BY due_at, id LIMIT 51`;
    cases.push({
      caller: `clerk, quiet commune ${quiet.code}`,
      label: 'overdue, scope as LIKE ANY($1) (rejected)',
      sql: likeAny,
      values: [[quietPath], now],
      run: () => dataSource.query(likeAny, [[quietPath], now]),
    });

    const table: string[] = [];
    const plans: string[] = [];
    for (const entry of cases) {
      const sorted = await measure(entry.run);
      table.push(
        `| ${entry.caller} | ${entry.label} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(percentile(sorted, 99))} | ${ms(sorted[sorted.length - 1] ?? 0)} |`,
      );
      process.stderr.write(`${table[table.length - 1]}\n`);
      if (PRINT_PLANS) plans.push(`--- ${entry.caller}: ${entry.label}\n${entry.sql.replace(/\s+/g, ' ').trim()}\n${await explain(dataSource, entry.sql, entry.values)}`);
    }
    // A smaller run through NATS request/reply, token verified by the service as in production.
    const client = new NatsClientProxy(bus, 10_000);
    for (const [caller, principal] of callers) {
      const headers = { [BusHeader.authorization]: `Bearer ${await issuer.sign(principal)}` };
      for (const [label, subject, payload] of [
        ['overdue (NATS)', WorkQueueSubjects.list, { queue: 'overdue', limit: 50 }],
        ['counts (NATS)', WorkQueueSubjects.counts, {}],
      ] as const) {
        const sorted = await measure(() => client.request(subject, payload, headers), NATS_RUNS);
        table.push(
          `| ${caller} | ${label} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(percentile(sorted, 99))} | ${ms(sorted[sorted.length - 1] ?? 0)} |`,
        );
        process.stderr.write(`${table[table.length - 1]}\n`);
      }
    }
    const sizes: { index: string; size: string }[] = await dataSource.query(`
      SELECT indexrelname AS index, pg_size_pretty(pg_relation_size(indexrelid)) AS size
        FROM pg_stat_user_indexes WHERE relname = 'dossiers' ORDER BY 1`);
    const [pg] = await dataSource.query('SHOW server_version');
    const baseline = pgbenchBaseline(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const lines = [
      `dossiers: ${shape.total} (${shape.open} open), table with indexes ${shape.size}; generated in ${(loadMs / 1000).toFixed(1)} s, VACUUM ANALYZE ${(analyseMs / 1000).toFixed(1)} s`,
      `busiest receiving unit ${busy.code}: ${busy.total} dossiers, ${busy.open} open; quietest ${quiet.code}: ${quiet.total}, ${quiet.open} open`,
      `indexes: ${sizes.map((row) => `${row.index} ${row.size}`).join(', ')}`,
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, Postgres ${pg.server_version}`,
      baseline,
      '',
      '| caller | query (50 a page) | runs | p50 ms | p95 ms | p99 ms | max ms |',
      '|---|---|---:|---:|---:|---:|---:|',
      ...table,
      '',
      ...plans,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await bus.close();
    await service.close();
    await issuer.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database.drop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`work-queue benchmark failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
