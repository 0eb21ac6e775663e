/**
 * `npm run faults:cluster`: the data centre's topology on one machine, with real
 * processes, under a steady load of submissions — then a reconciliation.
 *
 * A three-node NATS cluster on loopback with every stream at three replicas;
 * a PostgreSQL primary with a synchronous streaming standby (Debian's binaries)
 * behind a TCP proxy that plays the `motcua-pg-rw` Service; two replicas of
 * every service, the gateways and the issuer behind proxies too. The faults, one
 * after the other: kill -9 of one NATS node (and its return); kill -9 of one
 * replica of each service (restarted, as Kubernetes would); the primary
 * crashed and the standby promoted. Nothing of the machine's own NATS or
 * Postgres is touched.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { SERVICE_NAMES } from '@mc/contracts';
import { freePort, spawnNatsServer, spawnService, waitFor, type NatsServerProcess, type ServiceProcess } from '@mc/local-infra';
import { scenarios, seededRandom, VirtualUserState } from '../scenario/peak-hour';
import { runStep, summarise } from './drive';
import { failuresByWindow, measureRecovery, type FaultResult, type Outcome } from './fault-recovery';
import { demoData, demoFiles, describeMachine, provision, runDirectory, say } from './platform';
import { createPostgresPair } from './postgres-pair';
import { provinceReceivedToday, reconcile } from './reconcile';
import { startTcpProxy } from './tcp-proxy';

const env = process.env;
const RATE = Number(env.LOAD_FAULT_RATE ?? 20);
const SETTLE_SECONDS = Number(env.LOAD_FAULT_SETTLE_SECONDS ?? 15);
const REPLICAS = 2;

async function main() {
  const dir = runDirectory('faults-cluster');
  const namespace = `cluster${randomBytes(3).toString('hex')}`;
  const log = createWriteStream(path.join(dir, 'platform.log'));
  const replicas = new Map<string, ServiceProcess>();
  const natsNodes: Array<NatsServerProcess | undefined> = [];
  const proxies: Array<{ close(): Promise<void> }> = [];
  let pair: ReturnType<typeof createPostgresPair> | undefined;
  let s3: { close(): Promise<void> } | undefined;

  const cleanup = async () => {
    await Promise.all([...replicas.values()].map((service) => service.stop('SIGTERM')));
    await Promise.all(natsNodes.map((node) => node?.stop().catch(() => undefined)));
    for (const node of [pair?.primary, pair?.standby]) {
      try {
        node?.stop('fast');
      } catch {
        // already stopped (the crashed primary)
      }
    }
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await s3?.close().catch(() => undefined);
    if (env.LOAD_KEEP !== '1') for (const store of ['postgres', 'nats', 's3', 'signatures-ca']) rmSync(path.join(dir, store), { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    // PostgreSQL: primary, synchronous standby, and the read-write address in front of them.
    const [primaryPort, standbyPort, rwPort] = [await freePort(), await freePort(), await freePort()];
    const started = Date.now();
    pair = createPostgresPair(path.join(dir, 'postgres'), primaryPort, standbyPort);
    const rw = await startTcpProxy(rwPort, [primaryPort]);
    proxies.push(rw);
    const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${rwPort}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE motcua');
    // The standby turns synchronous once it has caught up with the primary's WAL.
    const syncState = await waitFor('the standby to be synchronous', async () => {
      const rows = (await admin.query(`SELECT sync_state FROM pg_stat_replication`)).rows as Array<{ sync_state: string }>;
      return rows[0]?.sync_state === 'sync' ? 'sync' : undefined;
    }, 60_000, 200);
    await admin.end();
    say(`PostgreSQL primary :${primaryPort}, standby :${standbyPort} (${syncState}), read-write address :${rwPort} — ${Date.now() - started} ms`);
    const databaseUrl = `postgres://postgres@127.0.0.1:${rwPort}/motcua`;

    // NATS: three nodes, one cluster.
    const clientPorts = [await freePort(), await freePort(), await freePort()];
    const routePorts = [await freePort(), await freePort(), await freePort()];
    const startNats = (i: number) =>
      spawnNatsServer({ port: clientPorts[i], storeDir: path.join(dir, 'nats', `n${i}`), cluster: { name: `nats-${i}`, routePort: routePorts[i], routePorts } });
    for (let i = 0; i < 3; i++) natsNodes[i] = await startNats(i);
    const natsUrl = clientPorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
    // Services create their R3 streams at start, which needs the cluster's JetStream leader elected.
    const probe = await connect({ servers: natsUrl.split(',') });
    const jsm = await jetstreamManager(probe);
    await waitFor('the NATS cluster to elect its JetStream leader', async () => (await jsm.getAccountInfo()) !== undefined, 60_000, 250);
    await probe.close();
    say(`NATS cluster on :${clientPorts.join(', :')} (routes :${routePorts.join(', :')})`);

    const S3rver = require('@20minutes/s3rver');
    const s3Port = await freePort();
    mkdirSync(path.join(dir, 's3'), { recursive: true });
    const s3Server = new S3rver({ port: s3Port, address: '127.0.0.1', directory: path.join(dir, 's3'), silent: true });
    await s3Server.run();
    s3 = s3Server;

    const machine = await describeMachine(databaseUrl);
    say(`commit ${machine.commit}${machine.dirty ? ' (working tree changed)' : ''}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}; load average ${machine.loadAverageBefore}`);
    say(`results and logs in ${path.relative(process.cwd(), dir)}`);

    // Two of every service. The gateways and the issuer (identity's HTTP) each get a port per replica and one address in front.
    // The documents service's HTTP (uploads, downloads) too: the gateway and the signatures service reach it through its address.
    const gatewayPorts = [await freePort(), await freePort()];
    const identityPorts = [await freePort(), await freePort()];
    const documentsPorts = [await freePort(), await freePort()];
    const [gatewayAddress, issuerAddress, documentsAddress] = [await freePort(), await freePort(), await freePort()];
    proxies.push(
      await startTcpProxy(gatewayAddress, gatewayPorts),
      await startTcpProxy(issuerAddress, identityPorts),
      await startTcpProxy(documentsAddress, documentsPorts),
    );
    const baseEnv = {
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      BUS_NAMESPACE: namespace,
      BUS_STREAM_REPLICAS: '3',
      OIDC_ISSUER: `http://127.0.0.1:${issuerAddress}`,
      GATEWAY_HOST: '127.0.0.1',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      DOCUMENTS_HTTP_URL: `http://127.0.0.1:${documentsAddress}`,
      // One CA for both signatures replicas, as a mounted secret would be; created by whichever starts first.
      SIGNATURES_CA_DIR: path.join(dir, 'signatures-ca'),
      ...demoFiles(),
      NODE_ENV: 'production',
      LOG_LEVEL: env.LOAD_LOG_LEVEL ?? 'warn',
      // Counted across both gateways as in production, but every request comes from the one load generator.
      RATE_LIMIT_PUBLIC_MAX: '100000000',
      RATE_LIMIT_ACCOUNT_MAX: '100000000',
    };
    // Each replica's own operations listener, scraped after the faults as Prometheus would.
    const opsPorts = new Map<string, number>();
    for (let replica = 0; replica < REPLICAS; replica++) for (const name of SERVICE_NAMES) opsPorts.set(`${name}#${replica}`, await freePort());
    const start = (name: string, replica: number) => {
      const service = spawnService(
        name,
        {
          ...baseEnv,
          GATEWAY_PORT: String(gatewayPorts[replica]),
          IDENTITY_HTTP_PORT: String(identityPorts[replica]),
          DOCUMENTS_HTTP_PORT: String(documentsPorts[replica]),
          OPS_PORT: String(opsPorts.get(`${name}#${replica}`)),
        },
        (who, line) => log.write(`${who}#${replica} | ${line}\n`),
      );
      replicas.set(`${name}#${replica}`, service);
      return service;
    };
    for (let replica = 0; replica < REPLICAS; replica++) for (const name of SERVICE_NAMES) start(name, replica);
    /**
     * Every replica answering its own `/readyz` (what Kubernetes waits for before it sends a pod traffic and
     * before a rolling restart moves on); returns ms from `since` to the last one ready, or the replicas still not.
     */
    const allReady = async (since: number, boundMs: number): Promise<{ ms: number | null; notReady: string[] }> => {
      const notReady = new Set(opsPorts.keys());
      const deadline = Date.now() + boundMs;
      while (notReady.size && Date.now() < deadline) {
        for (const replica of [...notReady]) {
          const response = await fetch(`http://127.0.0.1:${opsPorts.get(replica)}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
          if (response?.status === 200) notReady.delete(replica);
        }
        if (notReady.size) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return { ms: notReady.size ? null : Date.now() - since, notReady: [...notReady] };
    };
    const baseUrl = `http://127.0.0.1:${gatewayAddress}`;
    // Sixteen processes start at once on the same cores; say which service was still missing if they do not make it.
    let lastHealth = 'no answer';
    await waitFor(
      'the platform (GET /api/v1/health = 200)',
      async () => {
        const response = await fetch(`${baseUrl}/api/v1/health`).catch(() => null);
        lastHealth = response ? `${response.status} ${await response.text()}` : 'no answer';
        return response?.status === 200;
      },
      Number(env.LOAD_START_SECONDS ?? 600) * 1000,
      500,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last answer: ${lastHealth.slice(0, 2000)}`);
    });

    // The gateway's health is one answer from either replica; the load starts when every replica is ready
    // (the dossier's readiness includes its read models of units, procedures and the calendar).
    const startReady = await allReady(started, Number(env.LOAD_START_SECONDS ?? 600) * 1000);
    if (startReady.ms === null) throw new Error(`replicas not ready: ${startReady.notReady.join(', ')}`);
    say(`every replica ready ${startReady.ms} ms after the start`);
    const data = demoData();
    const { tokens, stopRefreshing } = await provision(baseUrl, data);
    say(`platform healthy at ${baseUrl}: ${SERVICE_NAMES.length} services × ${REPLICAS}; ${Object.keys(tokens).length} tokens`);

    const definition = scenarios(env).submissions;
    const state = new VirtualUserState(1, seededRandom(11), 20_000, 0);
    const accepted = new Map<string, string>();
    const outcomes: Outcome[] = [];
    say(`steady load: submissions at ${RATE}/s while the faults run`);
    let loadDone = false;
    const control: { stop?: () => void } = {};
    const load = runStep({ baseUrl, definition, data, tokens, state, accepted, control, onResult: (outcome) => outcomes.push(outcome) }, 'steady', RATE, 1_800, Math.max(RATE, 20)).finally(() => {
      loadDone = true;
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(10_000);

    const results: FaultResult[] = [];
    const recovery = (fault: string, at: number) => measureRecovery(fault, at, outcomes, () => loadDone, { untilLastFailure: true });

    // 1. One NATS node crashes; the streams keep a quorum of two; it comes back and catches up.
    let at = Date.now();
    await natsNodes[1]?.kill();
    results.push(await recovery('NATS node nats-1 kill -9', at));
    await sleep(SETTLE_SECONDS * 1000);
    natsNodes[1] = await startNats(1);
    say('nats-1 started again');
    await sleep(SETTLE_SECONDS * 1000);

    // 2. One replica of every service crashes and is started again, as its Deployment would.
    at = Date.now();
    await Promise.all(SERVICE_NAMES.map((name) => replicas.get(`${name}#0`)?.stop('SIGKILL')));
    for (const name of SERVICE_NAMES) start(name, 0);
    results.push(await recovery(`one replica of each of the ${SERVICE_NAMES.length} services kill -9 and restart`, at));
    // As a rolling disruption would, the next fault waits for the restarted replicas to be ready again.
    const restarted = await allReady(at, Number(env.LOAD_START_SECONDS ?? 600) * 1000);
    say(restarted.ms === null ? `restarted replicas not ready: ${restarted.notReady.join(', ')}` : `every restarted replica ready again ${restarted.ms} ms after the kill`);
    await sleep(SETTLE_SECONDS * 1000);

    // 3. The primary crashes; the standby is promoted and the read-write address follows it.
    at = Date.now();
    pair.primary.stop('immediate');
    rw.dropConnections();
    pair.standby.promote();
    // The new primary has no standby of its own yet: waiting for a synchronous one would stop every commit.
    const promoted = new Client({ connectionString: `postgres://postgres@127.0.0.1:${standbyPort}/postgres` });
    await promoted.connect();
    await promoted.query(`ALTER SYSTEM SET synchronous_standby_names = ''`);
    await promoted.query('SELECT pg_reload_conf()');
    await promoted.end();
    rw.route([standbyPort]);
    const failoverMs = Date.now() - at;
    say(`failover: standby promoted and the read-write address moved in ${failoverMs} ms`);
    results.push(await recovery('PostgreSQL primary crash, standby promoted', at));
    await sleep(SETTLE_SECONDS * 1000);

    say('faults done; stopping the load');
    control.stop?.();
    await load;
    stopRefreshing();
    const overall = summarise(outcomes.map((o) => o.answeredAt - o.sentAt));
    const failedTotal = outcomes.filter((o) => !o.ok).length;
    say(`load: ${outcomes.length} responses, ${failedTotal} failed, p50 ${overall.p50} ms, p99 ${overall.p99} ms`);
    const windows = failuresByWindow(results.map((result) => ({ fault: result.fault, at: Date.parse(result.at) })), outcomes);
    for (const window of windows) {
      say(`  ${window.fault}: ${window.failedResponses} failed${window.lastFailedMs === null ? '' : `, the last answered ${window.lastFailedMs} ms after it`}${window.failures.length ? ` (${window.failures.join('; ')})` : ''}`);
    }

    const finalReady = await allReady(Date.now(), 120_000);
    if (finalReady.notReady.length) say(`not ready after the faults: ${finalReady.notReady.join(', ')}`);
    const scrapes: Record<string, { status: number; series: number; sample: string[] }> = {};
    for (const [replica, port] of opsPorts) {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => null);
      const lines = ((await response?.text()) ?? '').split('\n').filter((line) => line && !line.startsWith('#'));
      scrapes[replica] = {
        status: response?.status ?? 0,
        series: lines.length,
        sample: lines.filter((line) => /^(mc_outbox_backlog|mc_consumer_pending|mc_dossiers_overdue|mc_projection_lag_seconds|http_server_request_duration_seconds_count)/.test(line)).slice(0, 6),
      };
    }
    const unscraped = Object.entries(scrapes).filter(([, scrape]) => scrape.status !== 200 || scrape.series === 0).map(([replica]) => replica);
    say(`metrics: ${Object.keys(scrapes).length - unscraped.length} of ${Object.keys(scrapes).length} replicas answered /metrics${unscraped.length ? ` (not: ${unscraped.join(', ')})` : ''}`);

    say('reconciling (dossier schema, outboxes, JetStream consumers, reporting projection, report API)…');
    const reconciliation = await reconcile({
      databaseUrl,
      natsUrl: `nats://127.0.0.1:${clientPorts[0]}`,
      namespace,
      accepted,
      // A replica that took over a consumer waits out its predecessor's ack wait (30 s) first, perhaps twice.
      drainBoundMs: Number(env.LOAD_DRAIN_SECONDS ?? 300) * 1000,
      reportApi: provinceReceivedToday(baseUrl, tokens),
    });
    say(
      `accepted (2xx) ${reconciliation.acceptedByClient}, in dossier.dossiers ${reconciliation.dossiersInDatabase}, missing ${reconciliation.missing.length}, duplicated ${reconciliation.duplicated.length}, code series with gaps ${reconciliation.gaps.length}; ` +
        `drained in ${reconciliation.consumersDrainedMs ?? '—'} ms; reporting facts ${reconciliation.reporting.facts ?? '—'}, daily ${reconciliation.reporting.dailyReceived ?? '—'}`,
    );
    for (const problem of reconciliation.problems) say(`  reconciliation: ${problem}`);
    say(reconciliation.ok ? 'reconciliation: every check passed' : 'reconciliation: FAILED');
    writeFileSync(path.join(dir, 'result.json'), JSON.stringify({ machine, rate: RATE, replicas: REPLICAS, failoverMs, faults: results, readyMs: { start: startReady.ms, afterRestart: restarted.ms }, load: { responses: outcomes.length, failed: failedTotal, latency: overall, failuresByWindow: windows }, metrics: scrapes, reconciliation }, null, 2));
    say(`written ${path.relative(process.cwd(), path.join(dir, 'result.json'))}`);
    await cleanup();
    process.exit(reconciliation.ok && unscraped.length === 0 ? 0 : 99);
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? error}`);
    await cleanup();
    process.exit(1);
  }
}

void main();
