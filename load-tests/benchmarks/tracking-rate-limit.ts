/**
 * What the gateway's rate limiting costs a public tracking lookup: two gateway
 * processes on the same platform, one with the limits on (far above what the
 * run sends, so nothing is refused and every request is counted) and one with
 * them off, driven alternately with the same lookups from 1,000 client
 * addresses (X-Forwarded-For, the load generator standing in for the reverse
 * proxy), several rounds each, so both sides see the same machine.
 *
 *   npm run build && node dist/load-tests/benchmarks/tracking-rate-limit.js
 *
 * BENCH_SECONDS (default 20) per side, split into BENCH_ROUNDS (default 4);
 * BENCH_CONNECTIONS (default 32).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import { deleteNamespaceStreams, dropDatabase, ensureDatabase, freePort, spawnService, waitFor } from '@mc/local-infra';
import { demoData, describeMachine, runDirectory, say, startPlatform, type PlatformProcess } from '../runner/platform';

const env = process.env;
const SERVER_URL = env.LOAD_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = env.LOAD_NATS_URL ?? 'nats://127.0.0.1:4222';
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 32);
const RECEIPTS = 20;
const ADDRESSES = 1_000;
/** Limits the run cannot reach: every lookup is counted, none refused. */
const HIGH_LIMITS = { RATE_LIMIT_PUBLIC_MAX: '100000000', RATE_LIMIT_ACCOUNT_MAX: '100000000', GATEWAY_TRUST_PROXY: '127.0.0.1' };

async function receipts(baseUrl: string, issuer: string): Promise<{ code: string; token: string }[]> {
  const grant = (await (
    await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'mot-cua-web', username: 'tiepnhan.lvt', password: 'MotCua@2026' }),
    })
  ).json()) as { access_token: string };
  const [procedure] = demoData().counterProcedures;
  if (!procedure) throw new Error('the demo catalogue has no commune procedure received at the counter');
  const found: { code: string; token: string }[] = [];
  for (let i = 0; i < RECEIPTS; i += 1) {
    const response = await fetch(`${baseUrl}/api/v1/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grant.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: procedure.code,
        channel: 'counter',
        applicant: { kind: 'individual', fullName: 'Hoàng Văn Bình', idNumber: `0200880${String(10_000 + i).padStart(5, '0')}` },
        components: procedure.components.filter((component) => !component.condition).map((component) => ({ name: component.name })),
      }),
    });
    const body = (await response.json()) as { receipt?: { tracking: { code: string; token: string } } };
    if (!body.receipt) throw new Error(`receiving a dossier failed: ${response.status} ${JSON.stringify(body)}`);
    found.push(body.receipt.tracking);
  }
  return found;
}

async function lookups(url: string, requests: autocannon.Request[], seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, requests }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function main() {
  const suffix = randomBytes(3).toString('hex');
  const databaseUrl = Object.assign(new URL(SERVER_URL), { pathname: `/mc_bench_${suffix}` }).toString();
  const namespace = `bench${suffix}`;
  const dir = runDirectory('bench');
  const machine = await describeMachine(SERVER_URL);
  say(`commit ${machine.commit}${machine.dirty ? ' (working tree changed)' : ''}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, load average ${machine.loadAverageBefore}`);

  await ensureDatabase(databaseUrl);
  let platform: PlatformProcess | undefined;
  let unlimited: ReturnType<typeof spawnService> | undefined;
  try {
    platform = await startPlatform({ databaseUrl, natsUrl: NATS_URL, namespace, logFile: path.join(dir, 'platform.log'), extraEnv: HIGH_LIMITS });
    const { issuer } = (await (await fetch(`${platform.baseUrl}/api/v1/auth/config`)).json()) as { issuer: string };
    const port = await freePort();
    unlimited = spawnService(
      'gateway',
      { NATS_URL, BUS_NAMESPACE: namespace, OIDC_ISSUER: issuer, GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...HIGH_LIMITS, RATE_LIMIT_ENABLED: 'false' },
      () => undefined,
    );
    const unlimitedUrl = `http://127.0.0.1:${port}`;
    await waitFor('the second gateway', async () => (await fetch(`${unlimitedUrl}/api/v1/health/live`).catch(() => null))?.status === 200, 30_000, 200);

    const tracked = await receipts(platform.baseUrl, issuer);
    const requests: autocannon.Request[] = Array.from({ length: ADDRESSES }, (_, i) => {
      const receipt = tracked[i % tracked.length] as { code: string; token: string };
      return {
        method: 'GET',
        path: `/api/v1/tracking/${encodeURIComponent(receipt.code)}`,
        headers: { 'x-tracking-token': receipt.token, 'x-forwarded-for': `203.0.${Math.floor(i / 250)}.${i % 250}` },
      };
    });
    // Warm both (JIT, connections, the dossier service's caches) before measuring.
    await lookups(platform.baseUrl, requests, 3);
    await lookups(unlimitedUrl, requests, 3);

    const totals = { on: { requests: 0, non2xx: 0, p99: [] as number[] }, off: { requests: 0, non2xx: 0, p99: [] as number[] } };
    const roundRatios: number[] = [];
    const slice = SECONDS / ROUNDS;
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate which side goes first, so neither always runs on the warmer machine.
      const order = round % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      const rates = { on: 0, off: 0 };
      for (const side of order) {
        const result = await lookups(side === 'on' ? platform.baseUrl : unlimitedUrl, requests, slice);
        totals[side].requests += result.requests.total;
        totals[side].non2xx += result.non2xx + result.errors;
        totals[side].p99.push(result.latency.p99);
        rates[side] = result.requests.total / slice;
        say(`round ${round + 1} limits ${side.padEnd(3)} ${rates[side].toFixed(0).padStart(6)} lookups/s  p99 ${result.latency.p99} ms  non-2xx ${result.non2xx}`);
      }
      roundRatios.push(rates.on / rates.off);
    }
    const rate = (side: 'on' | 'off') => totals[side].requests / SECONDS;
    say(`tracking lookups, ${CONNECTIONS} connections, ${SECONDS} s per side in ${ROUNDS} alternating rounds, ${ADDRESSES} client addresses, ${RECEIPTS} receipts`);
    for (const side of ['off', 'on'] as const) {
      say(`limits ${side.padEnd(3)}: ${rate(side).toFixed(0)} lookups/s, worst round p99 ${Math.max(...totals[side].p99)} ms, non-2xx ${totals[side].non2xx}`);
    }
    say(`ratio with limits / without: ${(rate('on') / rate('off')).toFixed(3)} over the run`);
    // Neighbouring slices share the machine's load best: the median of the rounds' own ratios resists drift.
    const sorted = [...roundRatios].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : ((sorted[sorted.length / 2 - 1] ?? 0) + (sorted[sorted.length / 2] ?? 0)) / 2;
    say(`median of the rounds' ratios: ${median?.toFixed(3)} (rounds: ${roundRatios.map((ratio) => ratio.toFixed(2)).join(', ')})`);
  } finally {
    await unlimited?.stop();
    await platform?.stop();
    await deleteNamespaceStreams(NATS_URL, namespace).catch(() => undefined);
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
