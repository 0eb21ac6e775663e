import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Bus, NatsClientProxy } from '@mc/messaging';
import { createLogger, PinoNestLogger, type Logger } from '@mc/observability';
import { loadConfig } from '@mc/service-runtime';
import { gatewayConfigSchema, type GatewayConfig } from './gateway.config';
import { serveConsole } from './console/serve-console';
import { GatewayModule } from './gateway.module';
import { ErrorResponseFilter } from './http/error-response.filter';
import { traceRequests } from './http/request-tracing';
import { describeApi } from './openapi/api-document';

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  config: GatewayConfig;
  logger: Logger;
  close(): Promise<void>;
}

/** The one HTTP ingress: maps REST to NATS requests, never touches a database. */
export async function startGateway(env: NodeJS.ProcessEnv = process.env): Promise<RunningGateway> {
  const config = loadConfig(gatewayConfigSchema, env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const bus = await Bus.connect({ url: config.NATS_URL, namespace: config.BUS_NAMESPACE, service: 'gateway' });
  const client = new NatsClientProxy(bus, config.BUS_REQUEST_TIMEOUT_MS);

  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config, client), adapter, {
    logger: new PinoNestLogger(logger),
  });
  const fastify = app.getHttpAdapter().getInstance();
  traceRequests(fastify);
  app.useGlobalFilters(new ErrorResponseFilter(logger));

  const document = describeApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await serveConsole(app, path.resolve(config.CONSOLE_DIR), logger);

  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.GATEWAY_PORT;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url }, 'gateway ready');
  return {
    app,
    url,
    config,
    logger,
    async close() {
      await app.close();
      await bus.close();
    },
  };
}
