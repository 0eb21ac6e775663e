/**
 * CPU per public tracking read and per idle outbox poll, on both sides of the connection: the client process (what
 * the dossier service pays: TypeORM, node-postgres) and the Postgres backends serving it (parse, plan, execute),
 * each as CPU time from /proc rather than wall time, so the figures hold on a machine other work is loading.
 * Variants, alternated in rounds so each sees the same machine:
 *   - tracking read as an unnamed statement (`manager.query`, parsed and planned every call) or prepared (`queryPrepared`);
 *   - with or without the partial index dossier_history_postal;
 *   - the relay's idle poll as BEGIN, the locking SELECT and COMMIT, or the one prepared `SELECT NOT EXISTS`.
 *
 *   node tools/build.js && BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> node dist/load-tests/benchmarks/tracking-statement.js
 *
 * The database must hold the dossier schema with dossiers in it (for example one kept by `LOAD_KEEP=1 npm run load`);
 * the benchmark creates and drops the partial index itself and changes nothing else. BENCH_CALLS (default 20,000 per
 * variant and round), BENCH_ROUNDS (default 3), BENCH_CONCURRENCY (default 4, the pool size).
 */
import { readFileSync } from 'node:fs';
import { DataSource, type EntityManager } from 'typeorm';
import { queryPrepared } from '@mc/persistence';

const env = process.env;
const CALLS = Number(env.BENCH_CALLS ?? 20_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 4);
const APPLICATION = `tracking-statement-${process.pid}`;

/** The statement of services/dossier/src/tracking/track-dossier.ts. */
const TRACKING = `SELECT d.code, d.tracking_token, d.procedure_name, d.state, d.received_at, d.due_at, d.workflow, d.step_index,
              coalesce((SELECT jsonb_agg(h.entry->'details') FROM dossier_history h WHERE h.dossier_id = d.id AND h.entry->>'action' = 'postal'), '[]') AS postal
         FROM dossiers d WHERE d.code = $1`;
const RELAY_SELECT = 'SELECT id, subject, envelope::text AS envelope, headers FROM outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED';
const RELAY_PROBE = 'SELECT NOT EXISTS (SELECT FROM outbox) AS empty';

const ticks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // µs (100 ticks a second)
};

async function measure(backends: number[], call: (index: number) => Promise<unknown>) {
  const clientBefore = process.cpuUsage();
  const serverBefore = backends.reduce((sum, pid) => sum + ticks(pid), 0);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) await call((next += 1));
    }),
  );
  const client = process.cpuUsage(clientBefore);
  const server = backends.reduce((sum, pid) => sum + ticks(pid), 0) - serverBefore;
  return { client: (client.user + client.system) / CALLS, server: server / CALLS };
}

async function main() {
  const url = env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL: a database holding the dossier schema with dossiers');
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema: 'dossier',
    applicationName: APPLICATION,
    extra: { max: CONCURRENCY, options: '-c search_path=dossier' },
  });
  await dataSource.initialize();
  const manager: EntityManager = dataSource.manager;
  const codes: string[] = (await dataSource.query('SELECT code FROM dossiers ORDER BY random() LIMIT 5000')).map((row: { code: string }) => row.code);
  const [{ dossiers, history }] = await dataSource.query(
    'SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM dossier_history)::int AS history',
  );
  // Open every pooled connection, then find the backends serving them.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => dataSource.query('SELECT pg_sleep(0.05)')));
  const backends: number[] = (await dataSource.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [APPLICATION])).map(
    (row: { pid: number }) => row.pid,
  );
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`${dossiers} dossiers, ${history} history entries; ${backends.length} connections; ${CALLS} calls per variant and round; load average ${load}`);

  const code = (index: number) => codes[index % codes.length];
  const track = {
    unnamed: (index: number) => manager.query(TRACKING, [code(index)]),
    prepared: (index: number) => queryPrepared(manager, TRACKING, [code(index)]),
  };
  const relay = {
    'idle relay poll: BEGIN, locking SELECT, COMMIT': () => dataSource.transaction((inner) => inner.query(RELAY_SELECT, [500])),
    'idle relay poll: one prepared SELECT NOT EXISTS': () => queryPrepared(manager, RELAY_PROBE, []),
  };
  const results = new Map<string, { client: number; server: number }[]>();
  const record = (name: string, figures: { client: number; server: number }) => results.set(name, [...(results.get(name) ?? []), figures]);

  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const indexed of [false, true]) {
      await dataSource.query(
        indexed
          ? `CREATE INDEX IF NOT EXISTS dossier_history_postal ON dossier_history (dossier_id) WHERE entry->>'action' = 'postal'`
          : 'DROP INDEX IF EXISTS dossier_history_postal',
      );
      // Creating or dropping the index invalidates the prepared statements' plans: Postgres plans them again.
      for (const [kind, call] of Object.entries(track)) {
        record(`tracking read, ${kind}, ${indexed ? 'with' : 'without'} the partial index`, await measure(backends, call));
      }
    }
    for (const [name, call] of Object.entries(relay)) record(name, await measure(backends, call));
  }
  console.log('| variant | client µs per call | Postgres µs per call | both |');
  console.log('|---|---:|---:|---:|');
  for (const [name, rounds] of results) {
    const client = Math.min(...rounds.map((figures) => figures.client));
    const server = Math.min(...rounds.map((figures) => figures.server));
    console.log(`| ${name} | ${client.toFixed(0)} | ${server.toFixed(0)} | ${(client + server).toFixed(0)} |`);
  }
  console.log(`(the least of ${ROUNDS} rounds; load average at the end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
