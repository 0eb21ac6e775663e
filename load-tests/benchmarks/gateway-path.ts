/**
 * CPU per public tracking lookup on the gateway's path alone: per variant one gateway process and one stand-in for
 * the dossier service on the tracking subject answering a recorded view (no database: the read itself is measured
 * by tracking-statement.ts), and a keep-alive HTTP client here. The stand-in is either a bare NATS subscriber
 * (BENCH_REPLIER=recorded) or, by default, the variant's own bus transport (NatsTransportServer under Nest, the
 * request validated as the tracking handler validates it), so that the service's side of the bus is weighed too. CPU time of the gateway and of the replier comes from /proc, so the
 * figures hold on a machine other work is loading; the variants take turns in rounds so each sees the same machine.
 *
 *   node tools/build.js && node dist/load-tests/benchmarks/gateway-path.js
 *   BENCH_GATEWAYS=before=/tmp/before/dist/services/gateway/src/main.js,after=dist/services/gateway/src/main.js node dist/load-tests/benchmarks/gateway-path.js
 *
 * BENCH_GATEWAYS: name=entry pairs (default: this tree's gateway), e.g. a build of an older commit against this one;
 * the transport stand-in comes from the same build (the dist/ folder holding the entry).
 * BENCH_CALLS (default 20,000 lookups per variant and round), BENCH_ROUNDS (default 3), BENCH_CONCURRENCY (default 16
 * requests in flight), NATS_URL; BENCH_CPU_PROF=<dir> writes a CPU profile of each gateway there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
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

const VIEW = (JSON.parse(RECORDED_REPLY) as { data: unknown }).data;

const ticks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // µs (100 ticks a second)
};
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** The bare stand-in: the recorded reply to every request on the tracking subject. */
async function recordedReplier(): Promise<void> {
  const nc = await connect({ servers: NATS_URL, noEcho: true });
  const reply = new TextEncoder().encode(RECORDED_REPLY);
  nc.subscribe(`${env.BENCH_NAMESPACE}.${DossierSubjects.track}`, { queue: 'dossier', callback: (_error, message) => void message.respond(reply) });
  await nc.flush();
  process.once('SIGTERM', () => void nc.close().then(() => process.exit(0)));
}

/** The dossier service's side of the bus from the build in `dist`, with a handler that validates and answers the recorded view. */
async function transportReplier(dist: string): Promise<void> {
  // The variant's own build, chosen at run time.
  const messaging = require(path.join(dist, 'libs/messaging/src/index.js')) as typeof import('@mc/messaging');
  const contracts = require(path.join(dist, 'libs/contracts/src/index.js')) as typeof import('@mc/contracts');
  const observability = require(path.join(dist, 'libs/observability/src/index.js')) as typeof import('@mc/observability');
  @Controller()
  class TrackingStandIn {
    @MessagePattern(contracts.DossierSubjects.track)
    async track(@Payload() payload: unknown) {
      contracts.parseInput(contracts.trackDossierRequestSchema, payload);
      return VIEW;
    }
  }
  @Module({ controllers: [TrackingStandIn] })
  class StandInModule {}
  const bus = await messaging.Bus.connect({ url: NATS_URL, namespace: env.BENCH_NAMESPACE ?? '', service: 'dossier' });
  const logger = observability.createLogger('dossier', 'warn');
  const transport = new messaging.NatsTransportServer({
    bus,
    service: 'dossier',
    logger,
    verifyToken: () => Promise.reject(new Error('no tokens in this benchmark')),
    health: async () => ({ service: 'dossier', status: 'up', version: 'bench', instance: String(process.pid), uptimeSeconds: 0 }),
    consumer: { maxDeliver: 1, retryDelayMs: 1_000, ackWaitMs: 30_000, batchSize: 1 },
  });
  const app = await NestFactory.createMicroservice(StandInModule, { strategy: transport, logger: false });
  await app.listen();
  process.once('SIGTERM', () => void app.close().then(() => bus.close()).then(() => process.exit(0)));
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
  const mode = env.BENCH_REPLIER ?? 'transport';
  const running: { name: string; process: ChildProcess; replier: ChildProcess; port: number; agent: Agent }[] = [];
  try {
    for (const [index, gateway] of gateways.entries()) {
      const namespace = `${NAMESPACE}-${index}`;
      const dist = gateway.entry.slice(0, gateway.entry.lastIndexOf('/dist/') + '/dist'.length);
      const replier = child([__filename, 'replier', mode, dist], { BENCH_NAMESPACE: namespace });
      const port = await freePort();
      const profile = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
      const started = child([...profile, '--enable-source-maps', gateway.entry], {
        NATS_URL,
        BUS_NAMESPACE: namespace,
        GATEWAY_PORT: String(port),
        GATEWAY_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // As in the load runs: the limits stay on, far above what the benchmark sends.
        RATE_LIMIT_PUBLIC_MAX: '100000000',
      });
      running.push({ name: gateway.name, process: started, replier, port, agent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) });
    }
    for (const gateway of running) {
      await waitFor(`gateway ${gateway.name}`, async () => (await fetch(`http://127.0.0.1:${gateway.port}/api/v1/health/live`).catch(() => null))?.ok, 60_000, 200);
      // Until its stand-in answers; then warm: JIT, connections.
      await waitFor(`the stand-in behind ${gateway.name}`, async () => (await lookups(gateway.agent, gateway.port, 1), true), 60_000, 200);
      await lookups(gateway.agent, gateway.port, 2_000);
    }
    console.log(`${CALLS} lookups per variant and round, ${CONCURRENCY} in flight, ${ROUNDS} rounds, replier ${mode}; load average ${loadAverage()}`);
    const results = new Map<string, { gateway: number; replier: number }[]>();
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const gateway of running) {
        const gatewayBefore = ticks(gateway.process.pid ?? 0);
        const replierBefore = ticks(gateway.replier.pid ?? 0);
        await lookups(gateway.agent, gateway.port, CALLS);
        const figures = {
          gateway: (ticks(gateway.process.pid ?? 0) - gatewayBefore) / CALLS,
          replier: (ticks(gateway.replier.pid ?? 0) - replierBefore) / CALLS,
        };
        results.set(gateway.name, [...(results.get(gateway.name) ?? []), figures]);
      }
    }
    const leastAndMedian = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `${sorted[0]?.toFixed(0)} · ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)}`;
    };
    console.log('| variant | gateway µs per lookup (least · median) | replier µs per lookup (least · median) |');
    console.log('|---|---:|---:|');
    for (const [name, rounds] of results) {
      console.log(`| ${name} | ${leastAndMedian(rounds.map((figures) => figures.gateway))} | ${leastAndMedian(rounds.map((figures) => figures.replier))} |`);
    }
    console.log(`(load average at the end ${loadAverage()})`);
  } finally {
    for (const gateway of running) {
      gateway.agent.destroy();
      gateway.process.kill('SIGTERM');
      gateway.replier.kill('SIGTERM');
    }
  }
}

(process.argv[2] !== 'replier' ? main() : process.argv[3] === 'recorded' ? recordedReplier() : transportReplier(process.argv[4] ?? 'dist')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
