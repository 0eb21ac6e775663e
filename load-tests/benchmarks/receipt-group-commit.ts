/**
 * Would committing concurrent receipts together (one transaction per batch, one commit and WAL flush for many) cut
 * the CPU a receipt costs? CPU per receipt on both sides of the connection, from process.cpuUsage and /proc for the
 * Postgres backends, not wall time. Variants, alternated in rounds so each sees the same machine, all at
 * BENCH_CONCURRENCY receipts in flight:
 *   - autocommit: each receipt its own statement on its own pooled connection, as receive-dossier.ts does today;
 *   - group commit with savepoints: receipts arriving while a batch commits form the next batch, run on one
 *     connection as BEGIN, (SAVEPOINT, the receipt, RELEASE) for each, COMMIT;
 *   - group commit, bare: the same without savepoints (a batch that fails would be rerun one by one);
 *   - services/dossier/src/receipt/receipt-batcher.ts as built: bare, two batches in flight, a lone receipt in autocommit.
 *
 *   node tools/build.js && node dist/load-tests/benchmarks/receipt-group-commit.js
 *
 * The benchmark makes a database of its own with the dossier service's migrations and drops it. The receipt is the
 * statement of services/dossier/src/receipt/receive-dossier.ts (counter, dossier, first history entry and event in
 * one statement) with a counter-sized submission. BENCH_RECEIPTS (default 4,000 per variant and round),
 * BENCH_ROUNDS (default 3), BENCH_CONCURRENCY (default 16), BENCH_UNITS (receiving units, default 20).
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { z } from 'zod';
import { defineEvent } from '@mc/contracts';
import { dossierService, ReceiptBatcher, type DossierConfig } from '@mc/dossier';
import { createTestDatabase } from '@mc/local-infra';
import { Outbox } from '@mc/messaging';
import { createServiceDataSource, queryPrepared, runMigrations } from '@mc/persistence';

const env = process.env;
const RECEIPTS = Number(env.BENCH_RECEIPTS ?? 4_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 16);
const UNITS = Number(env.BENCH_UNITS ?? 20);
const APPLICATION = `receipt-group-commit-${process.pid}`;

// The received event's shape matters only for its size here; its schema is checked elsewhere.
const received = defineEvent('dossier', 'dossier', 'received', 1, z.record(z.string(), z.unknown()));
const outbox = new Outbox();

const ticks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // µs (100 ticks a second)
};
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const workflow = [
  { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
  { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 50 },
  { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 30 },
  { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
];
const applicant = { kind: 'individual', fullName: 'Nguyễn Văn An', idNumber: '001203012345', phone: '0912345678', address: 'Số 5 Trần Đăng Ninh, phường Hà Đông' };
const components = [
  { name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, digitised: true, reusedFromStore: false },
  { name: 'Giấy chứng sinh', copyType: 'original', quantity: 1, digitised: false, reusedFromStore: false },
];

/** The receipt statement and its parameters, as receive-dossier.ts builds them. */
function receipt(index: number): { text: string; params: unknown[] } {
  const now = new Date();
  const unitCode = `U${String(index % UNITS).padStart(4, '0')}`;
  const id = randomUUID();
  const entry = {
    dossierId: id,
    at: now.toISOString(),
    actor: { subject: randomUUID(), username: 'tiepnhan.lvt', role: 'clerk', unit: unitCode },
    action: 'receive',
    reason: null,
    before: { state: null, step: null },
    after: { state: 'in_progress', step: 'tiep-nhan' },
    details: { channelCode: 1, dueAt: now.toISOString(), stepDueAt: now.toISOString() },
  };
  const hash = createHash('sha256').update(JSON.stringify(entry)).digest('hex');
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const event = outbox.insertStatement(
    received,
    {
      dossierId: id,
      code: `${unitCode}-261207-0000`,
      procedureCode: '1.001022',
      procedureVersion: 1,
      receivingUnitCode: unitCode,
      competentUnitCode: unitCode,
      state: 'in_progress',
      step: 'tiep-nhan',
      dueAt: now.toISOString(),
      occurredAt: now.toISOString(),
      receivedAt: now.toISOString(),
      channelCode: 1,
      actor: 'tiepnhan.lvt',
      procedureName: 'Đăng ký khai sinh',
      fieldCode: 'ho_tich',
      applicantName: applicant.fullName,
      returnMethod: 'counter',
      components: { total: 2, digitised: 1, reused: 0 },
    },
    bind,
    { from: 'dossier', fields: { code: 'dossier.code' } },
  );
  const unit = bind(unitCode);
  const receivedAt = bind(now);
  const text = `WITH counter AS (
         INSERT INTO daily_counters (unit_code, day, last) VALUES (${unit}, ${bind('2026-12-07')}, 1)
         ON CONFLICT (unit_code, day) DO UPDATE SET last = daily_counters.last + 1 RETURNING last),
       dossier AS (
         INSERT INTO dossiers (id, code, tracking_token, procedure_code, procedure_version, procedure_name, processing_time, workflow, channel,
           receiving_unit_code, receiving_unit_path, competent_unit_code, competent_unit_path, owner_subject, applicant, components,
           return_method, return_address, state, step_index, step_started_at, step_due_at, received_at, due_at, statutory_working_ms,
           representative_subject, representative_username, representative_id_number)
         SELECT ${bind(id)}, ${unit} || '-' || ${bind('261207')} || '-' || lpad(counter.last::text, greatest(4, length(counter.last::text)), '0'),
                ${bind(randomBytes(18).toString('base64url'))}, ${bind('1.001022')}, ${bind(1)}, ${bind('Đăng ký khai sinh')},
                ${bind(JSON.stringify({ value: 3, unit: 'working_days' }))}, ${bind(JSON.stringify(workflow))}, ${bind(1)}, ${unit},
                ${bind(`/20/${unitCode}`)}, ${unit}, ${bind(`/20/${unitCode}`)}, ${bind(null)}, ${bind(JSON.stringify(applicant))},
                ${bind(JSON.stringify(components))}, ${bind('counter')}, ${bind(null)}, 'in_progress', 0, ${receivedAt}, ${bind(now)}, ${receivedAt},
                ${bind(now)}, ${bind(86_400_000)}, ${bind(null)}, ${bind(null)}, ${bind(null)}
           FROM counter
         RETURNING *),
       history AS (
         INSERT INTO dossier_history (dossier_id, seq, entry, prev_hash, hash)
         SELECT dossier.id, ${bind(1)}, ${bind(JSON.stringify(entry))}, ${bind('0'.repeat(64))}, ${bind(hash)} FROM dossier),
       event AS (${event})
       SELECT * FROM dossier`;
  return { text, params };
}

/** One replica's batcher: what arrives while a batch commits goes into the next one, answered after its commit. */
function groupCommit(runner: QueryRunner, savepoints: boolean) {
  let queue: { index: number; done: () => void; failed: (error: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (queue.length) {
      const batch = queue;
      queue = [];
      try {
        await runner.query('BEGIN');
        for (const { index } of batch) {
          const { text, params } = receipt(index);
          if (savepoints) await runner.query('SAVEPOINT receipt');
          await queryPrepared(runner.manager, text, params);
          if (savepoints) await runner.query('RELEASE SAVEPOINT receipt');
        }
        await runner.query('COMMIT');
        for (const { done } of batch) done();
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        for (const { failed } of batch) failed(error);
      }
    }
    running = false;
  };
  return (index: number) =>
    new Promise<void>((done, failed) => {
      queue.push({ index, done, failed });
      if (!running) void drain();
    });
}

async function measure(backends: number[], call: (index: number) => Promise<unknown>) {
  const clientBefore = process.cpuUsage();
  const serverBefore = backends.reduce((sum, pid) => sum + ticks(pid), 0);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RECEIPTS) await call((next += 1));
    }),
  );
  const client = process.cpuUsage(clientBefore);
  const server = backends.reduce((sum, pid) => sum + ticks(pid), 0) - serverBefore;
  return { client: (client.user + client.system) / RECEIPTS, server: server / RECEIPTS };
}

async function main() {
  const database = await createTestDatabase();
  const migrating = createServiceDataSource({ url: database.url, schema: 'dossier', entities: [], migrations: dossierService.migrations, poolSize: 2 });
  await migrating.initialize();
  await runMigrations(migrating, 'dossier');
  await migrating.destroy();
  // The pool's connections stay open (no idle timeout), so the backends found below serve every variant to the end.
  const dataSource = new DataSource({
    type: 'postgres',
    url: database.url,
    applicationName: APPLICATION,
    extra: { max: CONCURRENCY + 2, idleTimeoutMillis: 0, options: '-c search_path=dossier' },
  });
  try {
    await dataSource.initialize();
    const manager: EntityManager = dataSource.manager;
    const savepointed = dataSource.createQueryRunner();
    const bare = dataSource.createQueryRunner();
    await savepointed.connect();
    await bare.connect();
    // Open every pooled connection, then find the backends serving them.
    await Promise.all(Array.from({ length: CONCURRENCY }, () => dataSource.query('SELECT pg_sleep(0.05)')));
    const backends: number[] = (await dataSource.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [APPLICATION])).map(
      (row: { pid: number }) => row.pid,
    );
    console.log(`${backends.length} connections; ${RECEIPTS} receipts per variant and round, ${CONCURRENCY} in flight; load average ${loadAverage()}`);
    const built = new ReceiptBatcher(dataSource, { DOSSIER_RECEIPT_GROUP_COMMIT: true } as DossierConfig);
    const variants: Record<string, (index: number) => Promise<unknown>> = {
      'autocommit, one statement per receipt': (index) => {
        const { text, params } = receipt(index);
        return queryPrepared(manager, text, params);
      },
      'group commit, a savepoint per receipt': groupCommit(savepointed, true),
      'group commit, bare': groupCommit(bare, false),
      'ReceiptBatcher as built (two batches in flight, a lone receipt in autocommit)': (index) => {
        const { text, params } = receipt(index);
        return built.run(`U${String(index % UNITS).padStart(4, '0')}`, text, params);
      },
    };
    const results = new Map<string, { client: number; server: number }[]>();
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [name, call] of Object.entries(variants)) {
        results.set(name, [...(results.get(name) ?? []), await measure(backends, call)]);
      }
    }
    console.log('| variant | client µs per receipt | Postgres µs per receipt | both |');
    console.log('|---|---:|---:|---:|');
    for (const [name, rounds] of results) {
      const client = Math.min(...rounds.map((figures) => figures.client));
      const server = Math.min(...rounds.map((figures) => figures.server));
      console.log(`| ${name} | ${client.toFixed(0)} | ${server.toFixed(0)} | ${(client + server).toFixed(0)} |`);
    }
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM dossiers');
    console.log(`(the least of ${ROUNDS} rounds; ${count} dossiers written; load average at the end ${loadAverage()})`);
    await savepointed.release();
    await bare.release();
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
