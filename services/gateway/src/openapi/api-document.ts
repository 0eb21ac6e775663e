import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NatsClientProxy } from '@mc/messaging/client';
import { loadConfig } from '@mc/service-runtime/config';
import { gatewayConfigSchema } from '../gateway.config';
import { GatewayModule } from '../gateway.module';
import { describeOperations } from './describe-operations';

/** The OpenAPI document of the gateway's routes, each with its request, response and error schemas. */
export function describeApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hệ thống một cửa điện tử — API')
      .setDescription('API của cổng một cửa điện tử cấp tỉnh. Lỗi luôn có dạng {error: {code, message, details}}.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  return describeOperations(document);
}

/**
 * The same document without NATS or a listening port, for the client
 * generator and its drift check: the routes are read from the controllers,
 * never called.
 */
export async function describeApiOffline(): Promise<OpenAPIObject> {
  const config = loadConfig(gatewayConfigSchema, {});
  const app = await NestFactory.create(GatewayModule.register(config, {} as NatsClientProxy), new FastifyAdapter(), { logger: false });
  try {
    return describeApi(app);
  } finally {
    await app.close();
  }
}
