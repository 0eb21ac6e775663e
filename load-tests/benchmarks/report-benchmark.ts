import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Principal } from '@mc/auth';
import { parseInput, timelinessRequestSchema, type ReportFreshness } from '@mc/contracts';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, type TestDatabase } from '@mc/local-infra';
import { Bus } from '@mc/messaging';
import { createServiceDataSource, runMigrations } from '@mc/persistence';
import { startBusService } from '@mc/service-runtime';
import type { DataSource } from 'typeorm';
import { DAILY_COUNTERS, GetReportFreshness, GetTimelinessReport, ResolveReportScope, reportingService, systemClock } from '@mc/reporting';
import { demoUnits, generateDossiers } from './synthetic-dossiers';

/**
 * Prints, never asserts:
 *  1. catch-up: events/s the projection applies from a cold consumer over a stream of realistic dossier events;
 *  2. the province-level timeliness report over millions of dossiers (facts and day counters filled with
 *     set-based SQL as the projection would have written them): p50/p95/p99;
 *  3. pgbench -S on the same server, as a reference for the machine.
 *
 *   node dist/load-tests/benchmarks/report-benchmark.js
 *   BENCH_DOSSIERS=10000000 BENCH_EVENTS=200000 BENCH_RUNS=50 (defaults); BENCH_SKIP=catchup,report,pgbench
 */
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 10_000_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(','));

const admin: Principal = { subject: 'bench', username: 'admin.tinh', kind: 'staff', roles: [{ role: 'province_admin', unit: '20', path: '/20/' }], clientId: 'bench' };
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function catchUp(): Promise<void> {
  const database = await createTestDatabase();
  const namespace = testNamespace();
  const bus = await Bus.connect({ url: testNatsUrl(), namespace, service: 'reporting' });
  try {
    // About 4.5 events per dossier with the generator's mix of kinds.
    const { events } = generateDossiers({
      count: Math.ceil(EVENTS / 4.46),
      firstDay: '2026-01-05',
      lastDay: '2026-06-30',
      units: demoUnits()
        .filter((unit) => unit.kind === 'commune' || unit.kind === 'ward' || unit.kind === 'department')
        .map((unit, index) => ({ code: unit.code, weight: 1 / (1 + (index % 40)) })),
    });
    await bus.ensureEventStream('dossier');
    const publishStart = performance.now();
    for (let index = 0; index < events.length; index += 1_000) {
      await Promise.all(
        events
          .slice(index, index + 1_000)
          .map((event) => bus.js.publish(bus.subject(`evt.dossier.${event.type}`), JSON.stringify(event), { msgID: event.id })),
      );
    }
    const publishMs = performance.now() - publishStart;
    console.log(`catch-up: published ${events.length.toLocaleString('en')} events in ${seconds(publishMs)} (${Math.round(events.length / (publishMs / 1000))}/s)`);

    const start = performance.now();
    const service = await startBusService(reportingService, {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      LOG_LEVEL: 'warn',
    });
    const freshness = service.app.get(GetReportFreshness);
    let last: ReportFreshness;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      last = await freshness.execute();
    } while (last.pendingEvents > 0);
    const ms = performance.now() - start;
    const [{ applied }] = await service.dataSource.query(`SELECT events_applied AS applied FROM projection_state WHERE name = 'dossier'`);
    console.log(
      `catch-up: applied ${Number(applied).toLocaleString('en')} events from a cold consumer in ${seconds(ms)} (service start included): ${Math.round(Number(applied) / (ms / 1000))} events/s`,
    );
    await service.close();
  } finally {
    await bus.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database.drop();
  }
}

/** Fills the read models for `count` dossiers over five years with the rows the projection would have written. */
async function fill(dataSource: DataSource, count: number): Promise<void> {
  const units = demoUnits();
  await dataSource.query(
    `INSERT INTO units (code, name, kind, parent_code, path, valid_to, source_event_at)
     SELECT code, name, kind, parent_code, path, valid_to, now() FROM jsonb_to_recordset($1::jsonb)
       AS x(code text, name text, kind text, parent_code text, path text, valid_to text)`,
    [JSON.stringify(units.map((unit) => ({ ...unit, parent_code: unit.parentCode, valid_to: unit.validTo })))],
  );
  // Skew: a commune's weight falls with its rank (a few busy wards, many quiet communes); departments get a share too.
  const weighted = units
    .filter((unit) => ['commune', 'ward', 'township', 'department', 'one_stop_centre', 'province'].includes(unit.kind))
    .map((unit, rank) => ({ code: unit.code, weight: Math.max(1, Math.round(60 / (1 + (rank % 80)))) }));
  const picks = weighted.flatMap((unit) => Array.from({ length: unit.weight }, () => unit.code));
  await dataSource.query('CREATE TEMP TABLE bench_picks (idx int PRIMARY KEY, code text)');
  await dataSource.query('INSERT INTO bench_picks SELECT ordinality - 1, code FROM unnest($1::text[]) WITH ORDINALITY AS t(code)', [picks]);
  await dataSource.query(`INSERT INTO procedures VALUES ('1.000689', 'Đăng ký kết hôn', 'ho_tich'), ('1.001193', 'Đăng ký khai sinh', 'ho_tich'), ('2.000815', 'Chứng thực bản sao từ bản chính', 'chung_thuc'), ('1.004227', 'Cấp giấy phép xây dựng', 'xay_dung')`);

  const t0 = performance.now();
  await dataSource.query('SET synchronous_commit = off');
  await dataSource.query('DROP INDEX dossier_facts_open_range_idx, dossier_facts_competent_received_idx, dossier_facts_receiving_received_idx, dossier_facts_late_idx, dossier_facts_open_due_idx');
  await dataSource.query('ALTER TABLE dossier_facts SET (autovacuum_enabled = false)');
  const chunk = 1_000_000;
  for (let first = 1; first <= count; first += chunk) {
    const last = Math.min(count, first + chunk - 1);
    // Five years ending 2026-06-30; receipts at office hours; 3–15 days to the due date; outcomes by share.
    await dataSource.query(
      `WITH base AS (
         SELECT i,
                (SELECT code FROM bench_picks WHERE idx = (hashint4(i) & 2147483647) % $3) AS unit,
                timestamptz '2021-07-01 08:00+07' + ((hashint4(i + 1) & 2147483647) % 1826) * interval '1 day' + ((hashint4(i + 2) & 2147483647) % 480) * interval '1 minute' AS received_at,
                3 + (hashint4(i + 3) & 2147483647) % 13 AS days,
                (hashint4(i + 4) & 2147483647) % 1000 AS roll,
                (hashint4(i + 5) & 2147483647) % 4 AS proc,
                1 + (hashint4(i + 6) & 2147483647) % 3 AS channel
           FROM generate_series($1::int, $2::int) AS i),
       timed AS (
         SELECT *, date_trunc('day', received_at AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh' + days * interval '1 day' + interval '17 hours' AS due_at,
                CASE WHEN roll < 550 THEN 'early' WHEN roll < 880 THEN 'on_time' WHEN roll < 940 THEN 'late'
                     WHEN roll < 965 THEN 'refused' WHEN roll < 980 THEN 'withdrawn' WHEN roll < 990 THEN 'stopped' ELSE NULL END AS kind
           FROM base),
       finished AS (
         SELECT *, CASE
                  WHEN kind IS NULL THEN NULL
                  WHEN kind = 'early' THEN due_at - interval '31 hours'
                  WHEN kind = 'on_time' THEN due_at - interval '8 hours'
                  WHEN kind = 'late' THEN due_at + (1 + roll % 5) * interval '1 day'
                  ELSE received_at + (1 + roll % 3) * interval '1 day' END AS fin
           FROM timed)
       INSERT INTO dossier_facts (dossier_id, code, procedure_code, procedure_name, field_code, channel_code, receiving_unit_code, competent_unit_code,
                                  applicant_name, received_at, due_at, finished_at, state, outcome, supplement_requests, late_for_reporting,
                                  components_total, components_digitised, components_reused, return_method, electronic_result, last_event_at)
       SELECT md5(i::text)::uuid, unit || '-' || to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || lpad((i % 10000)::text, 4, '0'),
              (ARRAY['1.000689', '1.001193', '2.000815', '1.004227'])[proc + 1],
              (ARRAY['Đăng ký kết hôn', 'Đăng ký khai sinh', 'Chứng thực bản sao từ bản chính', 'Cấp giấy phép xây dựng'])[proc + 1],
              (ARRAY['ho_tich', 'ho_tich', 'chung_thuc', 'xay_dung'])[proc + 1],
              channel, unit, unit, 'Nguyễn Văn A', received_at, due_at, fin,
              CASE WHEN kind IS NULL THEN 'in_progress' WHEN kind IN ('early', 'on_time', 'late') THEN 'returned' ELSE kind END,
              kind, CASE WHEN kind = 'late' AND roll % 2 = 0 THEN 2 ELSE 0 END, coalesce(kind = 'late' AND roll % 2 = 0, false),
              2, CASE WHEN roll % 3 = 0 THEN 1 ELSE 2 END, roll % 2, CASE WHEN channel = 3 THEN 'post' ELSE 'counter' END,
              CASE WHEN kind IN ('early', 'on_time', 'late') THEN roll % 4 = 0 END, coalesce(fin, received_at)
         FROM finished`,
      [first, last, picks.length],
    );
    process.stdout.write(`  facts: ${last.toLocaleString('en')} (${seconds(performance.now() - t0)})\n`);
  }
  const factsMs = performance.now() - t0;
  const t1 = performance.now();
  await dataSource.query(
    'CREATE INDEX dossier_facts_open_range_idx ON dossier_facts USING gist (open_range) INCLUDE (competent_unit_code, due_at, procedure_code, channel_code, field_code)',
  );
  const gistMs = performance.now() - t1;
  await dataSource.query('CREATE INDEX dossier_facts_competent_received_idx ON dossier_facts (competent_unit_code, received_at)');
  await dataSource.query('CREATE INDEX dossier_facts_receiving_received_idx ON dossier_facts (receiving_unit_code, received_at)');
  await dataSource.query(`CREATE INDEX dossier_facts_late_idx ON dossier_facts (competent_unit_code, finished_at) WHERE outcome = 'late'`);
  await dataSource.query('CREATE INDEX dossier_facts_open_due_idx ON dossier_facts (competent_unit_code, due_at) WHERE finished_at IS NULL');
  const indexMs = performance.now() - t1;

  // The day counters, the same sums the projector adds event by event.
  const t2 = performance.now();
  const day = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
  const add = (columns: string, select: string, where = 'true') =>
    dataSource.query(
      `INSERT INTO daily_stats (day, unit_code, procedure_code, channel_code, field_code, ${columns})
       ${select.replace('$WHERE', where)}
       ON CONFLICT (day, unit_code, procedure_code, channel_code) DO UPDATE SET ${columns
         .split(',')
         .map((column) => `${column.trim()} = daily_stats.${column.trim()} + EXCLUDED.${column.trim()}`)
         .join(', ')}`,
    );
  await add(
    'received, received_digitised, components, components_digitised, components_reused',
    `SELECT ${day('received_at')}, competent_unit_code, procedure_code, channel_code, min(field_code), count(*),
            count(*) FILTER (WHERE components_total > 0 AND components_digitised = components_total), sum(components_total), sum(components_digitised), sum(components_reused)
       FROM dossier_facts GROUP BY 1, 2, 3, 4`,
  );
  await add(
    'early, on_time, late, refused, withdrawn, stopped, returned, returned_by_post, processing_ms, results_issued, electronic_results',
    `SELECT ${day('finished_at')}, competent_unit_code, procedure_code, channel_code, min(field_code),
            count(*) FILTER (WHERE outcome = 'early'), count(*) FILTER (WHERE outcome = 'on_time'), count(*) FILTER (WHERE outcome = 'late'),
            count(*) FILTER (WHERE outcome = 'refused'), count(*) FILTER (WHERE outcome = 'withdrawn'), count(*) FILTER (WHERE outcome = 'stopped'),
            count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late')), count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late') AND return_method = 'post'),
            coalesce(sum(extract(epoch FROM finished_at - received_at) * 1000) FILTER (WHERE outcome IN ('early', 'on_time', 'late')), 0)::bigint,
            count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late')), count(*) FILTER (WHERE electronic_result)
       FROM dossier_facts WHERE finished_at IS NOT NULL GROUP BY 1, 2, 3, 4`,
  );
  // The projector appends day rows as the days go by, so a table it wrote is in day order; these bulk inserts are not.
  await dataSource.query('CLUSTER daily_stats USING daily_stats_pkey');
  await dataSource.query(
    `INSERT INTO monthly_stats (month, unit_code, procedure_code, channel_code, field_code, ${DAILY_COUNTERS.join(', ')})
     SELECT date_trunc('month', day)::date, unit_code, procedure_code, channel_code, max(field_code), ${DAILY_COUNTERS.map((name) => `sum(${name})`).join(', ')}
       FROM daily_stats GROUP BY 1, 2, 3, 4 ORDER BY 1`,
  );
  const statsMs = performance.now() - t2;
  await dataSource.query('ALTER TABLE dossier_facts RESET (autovacuum_enabled)');
  await dataSource.query('VACUUM ANALYZE dossier_facts');
  await dataSource.query('VACUUM ANALYZE daily_stats');
  await dataSource.query('VACUUM ANALYZE monthly_stats');
  await dataSource.query('VACUUM ANALYZE units');
  const [{ facts, size }] = await dataSource.query(`SELECT count(*)::bigint AS facts, pg_size_pretty(pg_total_relation_size('dossier_facts')) AS size FROM dossier_facts`);
  const [{ days }] = await dataSource.query(`SELECT count(*)::bigint AS days FROM daily_stats`);
  console.log(
    `fill: ${Number(facts).toLocaleString('en')} facts (${size} with indexes) in ${seconds(factsMs)}, GiST index ${seconds(gistMs)}, all indexes ${seconds(indexMs)}; ${Number(days).toLocaleString('en')} day-counter rows in ${seconds(statsMs)}`,
  );
}

async function report(): Promise<void> {
  // BENCH_DATABASE_URL: a database a previous run filled and kept (BENCH_KEEP_DATABASE=1), to time queries again.
  const reuse = process.env.BENCH_DATABASE_URL;
  const database: TestDatabase = reuse ? { url: reuse, drop: async () => undefined } : await createTestDatabase();
  const dataSource = createServiceDataSource({ url: database.url, schema: 'reporting', entities: [], migrations: reportingService.migrations, poolSize: 4 });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, 'reporting');
    if (!reuse) await fill(dataSource, DOSSIERS);
    // The figures are what is timed; the freshness answer is a NATS round trip of its own.
    const freshness = { execute: async () => ({ pendingEvents: 0, lastEventAt: null, lagMs: 0, asOf: new Date().toISOString() }) } as unknown as GetReportFreshness;
    const useCase = new GetTimelinessReport(dataSource, new ResolveReportScope(dataSource), freshness, systemClock);
    const cases: [string, Record<string, unknown>][] = [
      ['province, one month (05/2026), by unit', { unitCode: '20', from: '2026-05-01', to: '2026-05-31', groupBy: 'unit' }],
      ['province, one month (05/2026), total only', { unitCode: '20', from: '2026-05-01', to: '2026-05-31' }],
      ['province, one year (2025), by month', { unitCode: '20', from: '2025-01-01', to: '2025-12-31', groupBy: 'month' }],
      ['one ward (05983), one month, by procedure', { unitCode: '05983', from: '2026-05-01', to: '2026-05-31', groupBy: 'procedure' }],
    ];
    for (const [name, params] of cases) {
      const request = parseInput(timelinessRequestSchema, params);
      const coldStart = performance.now();
      const first = await useCase.execute(request, admin);
      const coldMs = performance.now() - coldStart;
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const start = performance.now();
        await useCase.execute(request, admin);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(
        `report: ${name}: p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms over ${RUNS} runs; first run ${coldMs.toFixed(1)} ms (${first.rows.length} rows; ${first.summary})`,
      );
    }
  } finally {
    await dataSource.destroy();
    if (!process.env.BENCH_KEEP_DATABASE && !reuse) await database.drop();
    else console.log(`kept database ${database.url}`);
  }
}

function pgbench(): void {
  const db = `bench_pgbench_${process.pid}`;
  const args = ['-h', '127.0.0.1', '-U', 'postgres'];
  try {
    execFileSync('createdb', [...args, db]);
    execFileSync('pgbench', [...args, '-i', '-s', '10', '-q', db], { stdio: 'ignore' });
    const output = execFileSync('pgbench', [...args, '-S', '-c', '8', '-j', '2', '-T', '15', db], { encoding: 'utf8' });
    console.log(`pgbench -S -s 10 -c 8 -j 2 -T 15: ${output.match(/tps = ([\d.]+)/)?.[1]} TPS (select-only)`);
  } catch (error) {
    console.log(`pgbench: not run (${(error as Error).message.split('\n')[0]})`);
  } finally {
    try {
      execFileSync('dropdb', [...args, '--if-exists', db]);
    } catch {
      // Nothing to drop.
    }
  }
}

async function main(): Promise<void> {
  console.log(`reporting benchmark: ${new Date().toISOString()}, commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}`);
  if (!SKIP.has('pgbench')) pgbench();
  if (!SKIP.has('catchup')) await catchUp();
  if (!SKIP.has('report')) await report();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
