/**
 * The service's CPU per prepared statement outside a transaction, two ways of getting a connection for it, alternated
 * in rounds so each sees the same machine:
 *   - a TypeORM query runner created, connected and released around the statement (what `queryPrepared` did until
 *     07/12/2026, reproduced here);
 *   - `queryPrepared` today: the pg pool takes a connection and gives it back.
 * A one-row lookup by primary key on a scratch database, so that the difference is not drowned by the statement.
 *
 *   node tools/build.js && node dist/load-tests/benchmarks/prepared-query-path.js
 *
 * BENCH_CALLS (default 20,000 per variant and round), BENCH_ROUNDS (default 5), BENCH_CONCURRENCY (default 16).
 */
import type { EntityManager } from 'typeorm';
import { createTestDatabase } from '@mc/local-infra';
import { createServiceDataSource, queryPrepared } from '@mc/persistence';

const env = process.env;
const CALLS = Number(env.BENCH_CALLS ?? 20_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 16);
const LOOKUP = 'SELECT n, code FROM things WHERE n = $1';

/** The way before: a query runner per statement; its own statement name, so both variants stay prepared. */
async function throughQueryRunner(manager: EntityManager, text: string, values: unknown[]): Promise<unknown[]> {
  const runner = manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };
    return (await client.query({ name: 'bench_query_runner', text, values })).rows;
  } finally {
    await runner.release();
  }
}

async function main() {
  const database = await createTestDatabase();
  const dataSource = createServiceDataSource({ url: database.url, schema: 'things', entities: [], migrations: [], poolSize: 10 });
  await dataSource.initialize();
  try {
    await dataSource.query('CREATE SCHEMA things');
    await dataSource.query('CREATE TABLE things (n int PRIMARY KEY, code text)');
    await dataSource.query("INSERT INTO things SELECT g, 'c' || g FROM generate_series(1, 1000) g");
    const variants: [string, (manager: EntityManager, text: string, values: unknown[]) => Promise<unknown[]>][] = [
      ['query runner around the statement', throughQueryRunner],
      ['queryPrepared (the pool)', queryPrepared],
    ];
    const best = new Map<string, { cpu: number; rate: number }>();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, run] of variants) {
        let next = 0;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < CALLS) await run(dataSource.manager, LOOKUP, [1 + ((next += 1) % 1000)]);
          }),
        );
        const cpu = process.cpuUsage(cpuBefore);
        const result = { cpu: (cpu.user + cpu.system) / CALLS, rate: CALLS / ((performance.now() - started) / 1000) };
        // The first round warms both up; the least CPU of the rest is the figure.
        if (round > 0 && result.cpu < (best.get(name)?.cpu ?? Infinity)) best.set(name, result);
      }
    }
    console.log(`${CALLS} calls per variant and round, ${ROUNDS} rounds, ${CONCURRENCY} in flight`);
    console.log('| variant | service µs of CPU per statement | statements/s |');
    console.log('|---|---:|---:|');
    for (const [name, { cpu, rate }] of best) console.log(`| ${name} | ${cpu.toFixed(1)} | ${Math.round(rate)} |`);
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
