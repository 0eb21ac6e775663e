import type { Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import { Global, Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NestMicroservice } from '@nestjs/microservices';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { z } from 'zod';
import { AppError, type HealthReport, type ServiceName } from '@mc/contracts';
import { TokenVerifier } from '@mc/auth';
import { Bus, Inbox, NatsClientProxy, NatsTransportServer, Outbox, OutboxRelay, BusExceptionFilter } from '@mc/messaging';
import { createLogger, PinoNestLogger, startMetrics, startTelemetry, type Logger } from '@mc/observability';
import { createServiceDataSource, databaseUnavailable, isDatabaseUnavailable, runMigrations } from '@mc/persistence';
import { AccountRevocations } from './account-revocations';
import { baseConfigSchema, ConfigError, loadConfig } from './config';
import { observeBusGauges } from './bus-gauges';
import { startOpsServer } from './ops-server';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const LOGGER = Symbol('LOGGER');

export interface BusServiceDefinition<S extends z.ZodObject = z.ZodObject> {
  service: Exclude<ServiceName, 'gateway'>;
  /** The service's own module: transport handlers, use cases, adapters. */
  module: Type<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Variables this service adds to the shared ones. */
  config?: S;
  /** When set, the service also serves HTTP on this port (the identity service's issuer endpoints). */
  httpPort?: (config: Record<string, unknown>) => number | undefined;
  /** How long the HTTP server waits for a whole request, body included, before it cuts the client off. */
  httpRequestTimeoutMs?: (config: Record<string, unknown>) => number;
  /** Runs once the app is built and before it takes requests, e.g. to load demo data through its own use cases. */
  onStarted?: (service: Pick<RunningService, 'app' | 'config' | 'logger'>) => Promise<void>;
  /** Registers the service's own gauges (overdue dossiers, projection freshness); called only when metrics are on. */
  observe?: (app: INestApplicationContext) => void;
  /** Extra check behind the health answer, for a dependency without which the service cannot work. */
  readiness?: (app: INestApplicationContext) => Promise<void>;
}

export interface RunningService {
  app: INestApplicationContext;
  dataSource: DataSource;
  bus: Bus;
  config: Record<string, unknown>;
  logger: Logger;
  close(): Promise<void>;
}

const startedAt = Date.now();

/** Builds and starts a service in this process; `runBusService` adds signals and exit codes around it. */
export async function startBusService(definition: BusServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const schema = definition.config ? baseConfigSchema.extend(definition.config.shape) : baseConfigSchema;
  const config = loadConfig(schema, env) as z.infer<typeof baseConfigSchema> & Record<string, unknown>;
  const logger = createLogger(definition.service, config.LOG_LEVEL);
  const { service } = definition;
  // Before any instrument is created: instruments made without a provider stay no-ops.
  if (config.OPS_PORT !== undefined) startMetrics(service);

  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    schema: service,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: config.DB_POOL_SIZE,
    applicationName: service,
  });
  await dataSource.initialize();
  const applied = await runMigrations(dataSource, service);
  if (applied.length) logger.info({ applied }, 'migrations applied');

  const bus = await Bus.connect({
    url: config.NATS_URL,
    namespace: config.BUS_NAMESPACE,
    service,
    streamReplicas: config.BUS_STREAM_REPLICAS,
  });
  // The relay publishes into this stream; a consumer elsewhere may not have created it yet.
  await bus.ensureEventStream(service);
  const revocations = new AccountRevocations(bus, logger);
  await revocations.start();
  const verifier = new TokenVerifier({
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE,
    discoveryUrl: config.OIDC_DISCOVERY_URL,
    jwksCooldownMs: config.OIDC_JWKS_COOLDOWN_MS,
    isRevoked: (subject) => revocations.isRevoked(subject),
  });
  const relay = new OutboxRelay(dataSource, bus, logger);

  let app: INestApplicationContext | undefined;
  const health = async (): Promise<HealthReport> => {
    await dataSource.query('SELECT 1').catch(() => {
      throw new AppError('SERVICE_UNAVAILABLE', `Dịch vụ ${service} mất kết nối cơ sở dữ liệu.`);
    });
    if (definition.readiness && app) {
      await definition.readiness(app).catch(() => {
        throw new AppError('SERVICE_UNAVAILABLE', `Dịch vụ ${service} chưa sẵn sàng: một thành phần phụ thuộc không phản hồi.`);
      });
    }
    return {
      service,
      status: 'up',
      version: process.env.npm_package_version ?? '0.1.0',
      instance: `${hostname()}:${process.pid}`,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  };

  const transport = new NatsTransportServer({
    bus,
    service,
    logger,
    verifyToken: (token) => verifier.verify(token),
    health,
    translateError: (error) => (isDatabaseUnavailable(error) ? databaseUnavailable(service) : undefined),
    consumer: {
      maxDeliver: config.BUS_MAX_DELIVER,
      retryDelayMs: config.BUS_RETRY_DELAY_MS,
      ackWaitMs: config.BUS_ACK_WAIT_MS,
      batchSize: config.BUS_BATCH_SIZE,
    },
  });

  @Global()
  @Module({})
  class RuntimeModule {}
  const runtime: DynamicModule = {
    module: RuntimeModule,
    providers: [
      { provide: APP_FILTER, useClass: BusExceptionFilter },
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: DataSource, useValue: dataSource },
      { provide: Bus, useValue: bus },
      { provide: Outbox, useValue: new Outbox(() => relay.expectRows()) },
      { provide: Inbox, useValue: new Inbox(dataSource) },
      { provide: TokenVerifier, useValue: verifier },
      { provide: NatsClientProxy, useValue: new NatsClientProxy(bus, config.BUS_REQUEST_TIMEOUT_MS) },
    ],
    exports: [SERVICE_CONFIG, LOGGER, DataSource, Bus, Outbox, Inbox, TokenVerifier, NatsClientProxy],
  };
  @Module({ imports: [runtime, definition.module] })
  class RootModule {}

  const nestLogger = new PinoNestLogger(logger);
  const port = definition.httpPort?.(config);
  let listen: () => Promise<unknown>;
  if (port !== undefined) {
    const requestTimeout = definition.httpRequestTimeoutMs?.(config) ?? 30_000;
    const adapter = new FastifyAdapter({
      requestTimeout,
      // Node checks for overdue requests every 30 s by default, which would let a trickling client outstay the bound.
      http: { headersTimeout: Math.min(requestTimeout, 60_000), connectionsCheckingInterval: Math.min(requestTimeout, 1_000) },
    });
    const http = await NestFactory.create<NestFastifyApplication>(RootModule, adapter, { logger: nestLogger });
    // Shares the app's config, so the APP_FILTER above applies to bus handlers as well.
    http.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
    await http.init();
    app = http;
    listen = async () => {
      await http.startAllMicroservices();
      await http.listen(port, '0.0.0.0');
    };
  } else {
    const micro = (await NestFactory.createMicroservice(RootModule, { strategy: transport, logger: nestLogger })) as NestMicroservice;
    // init() runs the init and bootstrap hooks, then registers the listeners and runs both hooks again (Nest 11
    // marks them done only for a hybrid app): every timer a hook starts would run twice, one outliving close().
    micro.setIsInitHookCalled(true);
    await micro.init();
    app = micro;
    listen = () => micro.listen();
  }
  relay.start();
  // Start-up work (demo data, the object-store bucket) finishes before the service
  // takes requests, so a health answer of "up" means ready to serve.
  await definition.onStarted?.({ app, config, logger });
  await listen();
  let ops: HttpServer | undefined;
  if (config.OPS_PORT !== undefined) {
    observeBusGauges(dataSource, bus);
    definition.observe?.(app);
    ops = await startOpsServer(config.OPS_PORT, {
      ready: async () => {
        if (bus.nc.isClosed()) throw new Error('NATS connection closed');
        await health();
      },
    });
  }
  logger.info({ namespace: config.BUS_NAMESPACE || undefined, httpPort: port, opsPort: config.OPS_PORT }, `${service} ready`);

  return {
    app,
    dataSource,
    bus,
    config,
    logger,
    async close() {
      await new Promise((resolve) => (ops ? ops.close(resolve) : resolve(undefined)));
      await app.close();
      await relay.stop();
      await revocations.stop();
      await bus.close();
      await dataSource.destroy();
    },
  };
}

/** Applies the service's pending migrations and exits: the `migrate` target of each service. */
export async function migrateBusService(definition: BusServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(baseConfigSchema, env);
  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    schema: definition.service,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource, definition.service);
    process.stdout.write(`${definition.service}: ${applied.length ? applied.join(', ') : 'no pending migrations'}\n`);
  } finally {
    await dataSource.destroy();
  }
}

/** Entry point of a service process: starts it, stops it gracefully on SIGTERM/SIGINT. */
export function runBusService(definition: BusServiceDefinition): void {
  startTelemetry({ serviceName: definition.service });
  startBusService(definition).then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        running.logger.info({ signal }, 'shutting down');
        const force = setTimeout(() => process.exit(1), 15_000).unref();
        running.close().then(
          () => {
            clearTimeout(force);
            process.exit(0);
          },
          (error) => {
            running.logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    },
    (error) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`${definition.service}: ${error.message}\n`);
      } else {
        process.stderr.write(`${definition.service}: không khởi động được (failed to start): ${(error as Error).stack ?? error}\n`);
      }
      process.exit(1);
    },
  );
}
