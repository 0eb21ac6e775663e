import 'reflect-metadata';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@mc/service-runtime';
import type { NatsClientProxy } from '@mc/messaging/client';
import { gatewayConfigSchema } from '../gateway.config';
import { GatewayModule } from '../gateway.module';
import { describeApiOffline } from './api-document';

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; schema?: object }[];
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses: Record<string, { content?: Record<string, { schema?: object }>; headers?: Record<string, object> }>;
}

/** What each handler reads from the request, from Nest's own route metadata (independent of the document). */
function handlerInputs(): Map<string, { body: boolean; wholeQuery: boolean }> {
  const controllers = GatewayModule.register(loadConfig(gatewayConfigSchema, {}), {} as NatsClientProxy).controllers ?? [];
  const inputs = new Map<string, { body: boolean; wholeQuery: boolean }>();
  for (const controller of controllers) {
    for (const method of Object.getOwnPropertyNames(controller.prototype)) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { data?: unknown }>;
      const kinds = Object.entries(args).map(([key, arg]) => ({ type: Number(key.split(':')[0]), data: arg.data }));
      inputs.set(`${controller.name}_${method}`, {
        body: kinds.some((kind) => kind.type === RouteParamtypes.BODY),
        wholeQuery: kinds.some((kind) => kind.type === RouteParamtypes.QUERY && kind.data === undefined),
      });
    }
  }
  return inputs;
}

/** Passes its query string on, but the reporting service takes no input for it. */
const TAKES_NO_QUERY = ['ReportsController_freshness'];

const hasSchema = (content?: Record<string, { schema?: object }>) =>
  Boolean(content && Object.values(content).length && Object.values(content).every((media) => media.schema && Object.keys(media.schema).length));

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  let operations: Operation[];

  beforeAll(async () => {
    document = await describeApiOffline();
    operations = Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, Operation>));
  });

  it('has a request, a response and an error schema for every operation', () => {
    const inputs = handlerInputs();
    const withoutRequest = operations.filter((operation) => {
      const input = inputs.get(operation.operationId);
      if (!input) return true;
      if (input.body && !hasSchema(operation.requestBody?.content)) return true;
      if (input.wholeQuery && !TAKES_NO_QUERY.includes(operation.operationId) && !operation.parameters?.some((parameter) => parameter.in === 'query')) return true;
      return (operation.parameters ?? []).some((parameter) => !parameter.schema);
    });
    const withoutResponse = operations.filter((operation) => {
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
      // A tus step answers in headers alone, and documents them.
      return !success || !(hasSchema(success[1].content) || Object.keys(success[1].headers ?? {}).length > 0);
    });
    const withoutErrors = operations.filter((operation) => {
      const errors = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
      return errors.length === 0 || errors.some(([, response]) => !hasSchema(response.content));
    });

    expect(operations.length).toBeGreaterThanOrEqual(60);
    expect(withoutRequest.map((operation) => operation.operationId)).toEqual([]);
    expect(withoutResponse.map((operation) => operation.operationId)).toEqual([]);
    expect(withoutErrors.map((operation) => operation.operationId)).toEqual([]);
  });

  it('documents a dossier submission as its contract parses it, and the answer as its view', () => {
    const receive = operations.find((operation) => operation.operationId === 'DossiersController_receive')!;
    const body = receive.requestBody!.content!['application/json'].schema as { required: string[]; properties: Record<string, object> };
    expect(body.required).toEqual(expect.arrayContaining(['procedureCode', 'channel', 'applicant']));
    expect(receive.responses['201'].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/ReceiveDossierResult' });
    expect(JSON.stringify(document.components!.schemas!.ReceiveDossierResult)).toContain('#/components/schemas/ReceiptForm');
    expect(receive.responses['400'].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
  });

  it('leaves the fields the path carries out of the body', () => {
    const act = operations.find((operation) => operation.operationId === 'DossiersController_act')!;
    const schema = JSON.stringify(act.requestBody!.content!['application/json'].schema);
    expect(schema).toContain('"action"');
    expect(schema).not.toContain('"dossierId"');
    expect(schema).not.toContain('"code"');
  });
});
