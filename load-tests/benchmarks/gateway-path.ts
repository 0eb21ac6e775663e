/**
 * CPU per public tracking lookup on the gateway's path alone: one gateway process per variant, one stand-in replier
 * on the tracking subject answering a recorded reply (no database: what the dossier service costs is measured
 * elsewhere), and a keep-alive HTTP client here. CPU time of the gateway and of the replier comes from /proc, so the
 * figures hold on a machine other work is loading; the variants take turns in rounds so each sees the same machine.
 *
 *   node tools/build.js && node dist/load-tests/benchmarks/gateway-path.js
 *   BENCH_GATEWAYS=before=/tmp/before/dist/services/gateway/src/main.js,after=dist/services/gateway/src/main.js node dist/load-tests/benchmarks/gateway-path.js
 *
 * BENCH_GATEWAYS: name=entry pairs (default: this tree's gateway), e.g. a build of an older commit against this one.
 * BENCH_CALLS (default 20,000 lookups per variant and round), BENCH_ROUNDS (default 3), BENCH_CONCURRENCY (default 16
 * requests in flight), NATS_URL; BENCH_CPU_PROF=<dir> writes a CPU profile of each gateway there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { DossierSubjects } from '@mc/contracts';
import { freePort, waitFor } from '@mc/local-infra';

const env = process.env;
const CALLS = Number(env.BENCH_CALLS ?? 20_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 16);
const NATS_URL = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const NAMESPACE = `bench-gw-${process.pid}`;
const CODE = 'G01.01-261207-0001';
const TOKEN = 'Q7XK2M9P';

/** What the dossier service answers for a dossier in handling, as the load scenario's lookups find it. */
const RECORDED_REPLY = JSON.stringify({
  ok: true,
  data: {
    code: CODE,
    procedureName: 'Cấp giấy chứng nhận đăng ký hộ kinh doanh',
    state: 'in_progress',
    stateLabel: 'Đang giải quyết',
    receivedAtDisplay: '07/12/2026 09:15',
    dueAt: '2026-12-10T10:00:00.000Z',
    dueDateDisplay: '10/12/2026',
    dueAtDisplay: '10/12/2026 17:00',
    steps: [
      { name: 'Tiếp nhận hồ sơ', status: 'done' },
      { name: 'Thẩm định', status: 'current' },
      { name: 'Phê duyệt', status: 'pending' },
      { name: 'Trả kết quả', status: 'pending' },
    ],
    postalSteps: [],
  },
});

const ticks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // µs (100 ticks a second)
};
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** The stand-in for the dossier service: the recorded reply to every request on the tracking subject. */
async function replier(): Promise<void> {
  const nc = await connect({ servers: NATS_URL, noEcho: true });
  const reply = new TextEncoder().encode(RECORDED_REPLY);
  nc.subscribe(`${env.BENCH_NAMESPACE}.${DossierSubjects.track}`, { queue: 'dossier', callback: (_error, message) => void message.respond(reply) });
  await nc.flush();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void nc.close().then(() => process.exit(0)));
}

function child(args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  const started = spawn(process.execPath, args, { env: { ...process.env, ...childEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
  started.stdout?.resume();
  return started;
}

async function lookups(agent: Agent, port: number, calls: number): Promise<void> {
  const statuses = new Map<number, number>();
  let next = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const outgoing = request({ agent, port, host: '127.0.0.1', path: `/api/v1/tracking/${CODE}?token=${TOKEN}` }, (response) => {
        statuses.set(response.statusCode ?? 0, (statuses.get(response.statusCode ?? 0) ?? 0) + 1);
        response.resume();
        response.once('end', resolve);
      });
      outgoing.once('error', reject);
      outgoing.end();
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < calls) {
        next += 1;
        await one();
      }
    }),
  );
  if (statuses.size !== 1 || !statuses.has(200)) throw new Error(`not every lookup answered 200: ${JSON.stringify([...statuses])}`);
}

async function main(): Promise<void> {
  const gateways = (env.BENCH_GATEWAYS ?? 'this tree=dist/services/gateway/src/main.js').split(',').map((pair) => {
    const [name, entry] = pair.split('=');
    return { name: name ?? pair, entry: path.resolve(entry ?? pair) };
  });
  const stand = child([__filename, 'replier'], { BENCH_NAMESPACE: NAMESPACE });
  const running: { name: string; process: ChildProcess; port: number; agent: Agent }[] = [];
  try {
    for (const gateway of gateways) {
      const port = await freePort();
      const profile = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
      const started = child([...profile, '--enable-source-maps', gateway.entry], {
        NATS_URL,
        BUS_NAMESPACE: NAMESPACE,
        GATEWAY_PORT: String(port),
        GATEWAY_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // As in the load runs: the limits stay on, far above what the benchmark sends.
        RATE_LIMIT_PUBLIC_MAX: '100000000',
      });
      running.push({ name: gateway.name, process: started, port, agent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) });
    }
    for (const gateway of running) {
      await waitFor(`gateway ${gateway.name}`, async () => (await fetch(`http://127.0.0.1:${gateway.port}/api/v1/health/live`).catch(() => null))?.ok, 60_000, 200);
      await lookups(gateway.agent, gateway.port, 2_000); // warm: JIT, connections
    }
    console.log(`${CALLS} lookups per variant and round, ${CONCURRENCY} in flight, ${ROUNDS} rounds; load average ${loadAverage()}`);
    const results = new Map<string, { gateway: number; replier: number }[]>();
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const gateway of running) {
        const gatewayBefore = ticks(gateway.process.pid ?? 0);
        const replierBefore = ticks(stand.pid ?? 0);
        await lookups(gateway.agent, gateway.port, CALLS);
        const figures = {
          gateway: (ticks(gateway.process.pid ?? 0) - gatewayBefore) / CALLS,
          replier: (ticks(stand.pid ?? 0) - replierBefore) / CALLS,
        };
        results.set(gateway.name, [...(results.get(gateway.name) ?? []), figures]);
      }
    }
    console.log('| gateway | gateway µs per lookup (least, median) | replier µs per lookup (least) |');
    console.log('|---|---:|---:|');
    for (const [name, rounds] of results) {
      const sorted = rounds.map((figures) => figures.gateway).sort((a, b) => a - b);
      const replierLeast = Math.min(...rounds.map((figures) => figures.replier));
      console.log(`| ${name} | ${sorted[0]?.toFixed(0)} · ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} | ${replierLeast.toFixed(0)} |`);
    }
    console.log(`(load average at the end ${loadAverage()})`);
  } finally {
    for (const gateway of running) {
      gateway.agent.destroy();
      gateway.process.kill('SIGTERM');
    }
    stand.kill('SIGTERM');
  }
}

(process.argv[2] === 'replier' ? replier() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
