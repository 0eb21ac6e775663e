import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { PORTAL_BASE_PATH } from '@mc/contracts';
import { TokenVerifier } from '@mc/auth';
import { Bus, NatsClientProxy } from '@mc/messaging/client';
import { createLogger, PinoNestLogger, startMetrics, type DestinationStream, type Logger } from '@mc/observability';
import { AccountRevocations } from '@mc/service-runtime/account-revocations';
import { loadConfig } from '@mc/service-runtime/config';
import { startOpsServer } from '@mc/service-runtime/ops-server';
import { gatewayConfigSchema, type GatewayConfig } from './gateway.config';
import { serveWebApp } from './web-apps/serve-web-app';
import { GatewayModule } from './gateway.module';
import { ErrorResponseFilter } from './http/error-response.filter';
import { acceptJsonObjects } from './http/json-body';
import { limitRequestRates } from './http/rate-limits';
import { measureRequests } from './http/request-metrics';
import { ReplicatedRateCounts } from './http/replicated-rate-counts';
import { traceRequests } from './http/request-tracing';
import { secureResponses } from './http/response-headers';
import { checkRouteAccess } from './http/route-access';
import { describeApi } from './openapi/api-document';

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  config: GatewayConfig;
  logger: Logger;
  close(): Promise<void>;
}

/** Room for the headers (token, trace context) and the path fields that travel with a body onto the bus. */
const BUS_HEADROOM_BYTES = 16 * 1024;
const NATS_DEFAULT_MAX_PAYLOAD = 1024 * 1024;
/** The most a client trickling its request can overrun the timeout by: how often Node checks. */
const TIMEOUT_CHECK_MS = 250;

/** The one HTTP ingress: maps REST to NATS requests, never touches a database. */
export async function startGateway(
  env: NodeJS.ProcessEnv = process.env,
  options: { logDestination?: DestinationStream } = {},
): Promise<RunningGateway> {
  const config = loadConfig(gatewayConfigSchema, env);
  const logger = createLogger('gateway', config.LOG_LEVEL, options.logDestination);
  // Before any instrument is created: instruments made without a provider stay no-ops.
  if (config.OPS_PORT !== undefined) startMetrics('gateway');
  const bus = await Bus.connect({ url: config.NATS_URL, namespace: config.BUS_NAMESPACE, service: 'gateway' });
  const client = new NatsClientProxy(bus, config.BUS_REQUEST_TIMEOUT_MS);
  const revocations = new AccountRevocations(bus, logger);
  await revocations.start();
  // The same verification every service does, so the gateway can refuse a caller before reading the body.
  const verifier = new TokenVerifier({
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE,
    discoveryUrl: config.OIDC_DISCOVERY_URL,
    jwksCooldownMs: config.OIDC_JWKS_COOLDOWN_MS,
    isRevoked: (subject) => revocations.isRevoked(subject),
  });
  const counts = new ReplicatedRateCounts(bus, logger, { syncMs: config.RATE_LIMIT_SYNC_MS, maxKeys: 200_000 });

  // A body larger than one NATS message could never reach a service: 413 here rather than 503 from the bus.
  const bodyLimit = Math.min(config.BODY_LIMIT_BYTES, (bus.nc.info?.max_payload ?? NATS_DEFAULT_MAX_PAYLOAD) - BUS_HEADROOM_BYTES);
  const timeout = config.GATEWAY_REQUEST_TIMEOUT_MS;
  const adapter = new FastifyAdapter({
    bodyLimit,
    trustProxy: config.GATEWAY_TRUST_PROXY,
    requestTimeout: timeout,
    http: { requestTimeout: timeout, headersTimeout: Math.min(timeout, 10_000), connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, timeout) },
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config, client), adapter, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  traceRequests(fastify);
  measureRequests(fastify);
  secureResponses(fastify, config.OIDC_ISSUER);
  checkRouteAccess(fastify, verifier);
  if (config.RATE_LIMIT_ENABLED) {
    counts.start();
    await limitRequestRates(fastify, config, counts);
  }
  acceptJsonObjects(fastify, config.JSON_MAX_DEPTH);
  app.useGlobalFilters(new ErrorResponseFilter(logger));

  const document = describeApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await serveWebApp(app, { name: 'portal', dir: path.resolve(config.PORTAL_DIR), prefix: `${PORTAL_BASE_PATH}/` }, logger);
  await serveWebApp(app, { name: 'console', dir: path.resolve(config.CONSOLE_DIR), prefix: '/' }, logger);

  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.GATEWAY_PORT;
  const url = `http://127.0.0.1:${port}`;
  // Ready means this replica reaches NATS; the services behind it have probes of their own.
  const ops =
    config.OPS_PORT === undefined
      ? undefined
      : await startOpsServer(config.OPS_PORT, {
          ready: async () => {
            if (bus.nc.isClosed()) throw new Error('NATS connection closed');
          },
        });
  logger.info({ url, opsPort: config.OPS_PORT }, 'gateway ready');
  return {
    app,
    url,
    config,
    logger,
    async close() {
      await new Promise((resolve) => (ops ? ops.close(resolve) : resolve(undefined)));
      await app.close();
      counts.stop();
      await revocations.stop();
      await bus.close();
    },
  };
}
