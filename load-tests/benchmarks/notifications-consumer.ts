import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { dossierReceivedV1, type EventEnvelope } from '@mc/contracts';
import { createTestDatabase, deleteNamespaceStreams, repoRoot, testNamespace, testNatsUrl, waitFor } from '@mc/local-infra';
import { Bus } from '@mc/messaging';
import { receivedEvent } from './received-event';

/**
 * The notifications service's CPU per dossier receipt, as the load's receipts
 * are (no consent given, so no message; a staff notice each): the built
 * service runs as its own process on a database and bus namespace of its own,
 * receipts are published onto the dossier stream, and the CPU time of the
 * service process and of its Postgres backends (from /proc) is taken over
 * their consumption, less what both spend idle (measured for BENCH_IDLE_MS
 * before, per ms), divided by the receipts. Variants are built copies of
 * the repository (each root's dist/), alternated in rounds so that each sees
 * the same machine.
 *
 *   node tools/build.js && BENCH_ROOTS=before=/tmp/before,after=. node dist/load-tests/benchmarks/notifications-consumer.js
 *
 * Options (environment): BENCH_ROOTS (name=path,…; default this repository as
 * "this"), BENCH_EVENTS per variant and round (2,000), BENCH_ROUNDS (3),
 * BENCH_RATE receipts per second (0: all at once, a backlog as after an
 * outage), BENCH_CONSENT the share of applicants who consented (0),
 * BENCH_IDLE_MS (5,000).
 */
const env = process.env;
const EVENTS = Number(env.BENCH_EVENTS ?? 2_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const RATE = Number(env.BENCH_RATE ?? 0);
const CONSENT = Number(env.BENCH_CONSENT ?? 0);
const IDLE_MS = Number(env.BENCH_IDLE_MS ?? 5_000);
const ROOTS = (env.BENCH_ROOTS ?? `this=${repoRoot()}`).split(',').map((entry) => {
  const [name = '', path = ''] = entry.split('=');
  return { name, path };
});

const receipt = (index: number): EventEnvelope =>
  receivedEvent(
    index,
    `05983-261207-${String(index).padStart(6, '0')}`,
    index % 100 < CONSENT * 100 ? { phone: `09${String(100_000_000 + index).slice(1)}`, email: null, channels: ['sms'], consent: true } : null,
  );

/** CPU time of a process so far, in µs (100 ticks a second); null once it is gone. */
const ticks = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
};

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function measure(root: string, startIndex: number) {
  const database = await createTestDatabase();
  const namespace = testNamespace();
  const publisher = await Bus.connect({ url: testNatsUrl(), namespace, service: 'dossier' });
  const sql = new Client({ connectionString: database.url, application_name: 'notifications-consumer-benchmark' });
  const child = spawn(process.execPath, [join(root, 'dist/services/notifications/src/main.js')], {
    env: { ...env, DATABASE_URL: database.url, NATS_URL: testNatsUrl(), BUS_NAMESPACE: namespace, LOG_LEVEL: 'info', NOTIFY_SEND_INTERVAL_MS: '60000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const servicePid = child.pid ?? 0;
  const serviceTicks = () => ticks(servicePid) ?? 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const ready = new Promise<void>((resolve) => createInterface({ input: child.stdout }).on('line', (line) => line.includes('notifications ready') && resolve()));
    await Promise.race([ready, exited.then(() => Promise.reject(new Error('the service exited')))]);
    await sql.connect();
    await publisher.ensureEventStream('dossier');
    const publish = (events: EventEnvelope[]) =>
      Promise.all(events.map((event) => publisher.js.publish(publisher.subject(dossierReceivedV1.subject), JSON.stringify(event), { msgID: event.id })));
    const noticed = async () => Number((await sql.query('SELECT count(*)::int AS n FROM notifications.staff_notices')).rows[0].n);
    // Warm-up: connections opened, statements and code paths run once.
    await publish(Array.from({ length: 100 }, (_, index) => receipt(startIndex + index)));
    await waitFor('the warm-up consumed', async () => (await noticed()) === 100, 120_000, 100);
    const backends = async () =>
      (await sql.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'notifications'`)).rows.map(
        (row: { pid: number }) => row.pid,
      );
    // A backend's CPU at the start and the last seen, so that one closed meanwhile still counts up to its last sample.
    const seen = new Map<number, { first: number; last: number }>();
    const sample = async () => {
      for (const pid of await backends()) {
        const now = ticks(pid);
        if (now === null) continue;
        const entry = seen.get(pid);
        if (entry) entry.last = now;
        else seen.set(pid, { first: now, last: now });
      }
    };
    const used = () => [...seen.values()].reduce((sum, { first, last }) => sum + last - first, 0);
    // What the service and its backends spend idle (polls, timers) is taken out of the figures, per ms of the run.
    await sample();
    const idleServiceBefore = serviceTicks();
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    await sample();
    const idleMs = performance.now() - idleStarted;
    const idle = { service: (serviceTicks() - idleServiceBefore) / idleMs, postgres: used() / idleMs };
    for (const entry of seen.values()) entry.first = entry.last;
    const events = Array.from({ length: EVENTS }, (_, index) => receipt(startIndex + 100 + index));
    const serviceBefore = serviceTicks();
    const started = performance.now();
    const publishing = (async () => {
      if (!RATE) return publish(events);
      // Every 20 ms, the receipts due by then.
      for (let next = 0; next < events.length; ) {
        const due = Math.min(events.length, Math.floor(((performance.now() - started) / 1000) * RATE) + 1);
        await publish(events.slice(next, due));
        next = Math.max(next, due);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    // Polled every 200 ms on a connection of its own, outside the backends measured.
    while ((await noticed()) < 100 + EVENTS) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await publishing;
    const elapsed = performance.now() - started;
    const service = serviceTicks() - serviceBefore;
    await sample();
    return {
      perSecond: (EVENTS / elapsed) * 1000,
      service: (service - idle.service * elapsed) / EVENTS,
      postgres: (used() - idle.postgres * elapsed) / EVENTS,
      idleCores: (idle.service + idle.postgres) / 1000,
    };
  } finally {
    child.kill('SIGTERM');
    await exited;
    await sql.end().catch(() => undefined);
    await publisher.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database.drop();
  }
}

async function main() {
  console.log(
    `${EVENTS} receipts per variant and round, ${ROUNDS} rounds, ${RATE ? `${RATE}/s` : 'all at once'}, consent ${CONSENT * 100} %; load average ${loadAverage()}`,
  );
  console.log('| round | variant | receipts/s | service µs per receipt | Postgres µs per receipt | both | idle cores (taken out) |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  let index = 0;
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const { name, path } of ROOTS) {
      const result = await measure(path, index);
      index += 100 + EVENTS;
      console.log(
        `| ${round} | ${name} | ${result.perSecond.toFixed(0)} | ${result.service.toFixed(0)} | ${result.postgres.toFixed(0)} | ${(result.service + result.postgres).toFixed(0)} | ${result.idleCores.toFixed(3)} |`,
      );
    }
  }
  console.log(`(load average at the end ${loadAverage()})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
