import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from '@mc/observability';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  freePort,
  testNamespace,
  testNatsUrl,
  waitFor,
  type TestDatabase,
} from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { dossierService } from '@mc/dossier';
import { startGateway, type RunningGateway } from '@mc/gateway';
import { identityService } from '@mc/identity';
import { reportingService } from '@mc/reporting';
import { DEMO_ACCOUNTS_FILE, DEMO_UNITS_FILE, passwordToken } from './support';

// One process, one tracer provider: every service's spans land in this exporter.
const exporter = new InMemorySpanExporter();
startTelemetry({ serviceName: 'e2e', spanProcessors: [new SimpleSpanProcessor(exporter)] });

describe('one trace across gateway → dossier → outbox → JetStream → reporting', () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let services: RunningService[] = [];
  let gateway: RunningGateway;
  let issuer: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const identityPort = await freePort();
    issuer = `http://127.0.0.1:${identityPort}`;
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      OIDC_ISSUER: issuer,
      IDENTITY_HTTP_PORT: String(identityPort),
      DEMO_UNITS_FILE,
      DEMO_ACCOUNTS_FILE,
      GATEWAY_PORT: '0',
      GATEWAY_HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    };
    services = await Promise.all([identityService, dossierService, reportingService].map((service) => startBusService(service, env)));
    gateway = await startGateway(env);
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(services.map((service) => service.close()));
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  it('joins the HTTP request, the service, the outbox publish and the consumer in one trace', async () => {
    const token = await passwordToken(issuer, 'admin.tinh');
    exporter.reset();
    const response = await fetch(`${gateway.url}/api/v1/diagnostics/pipeline-probes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'kiểm tra vết' }),
    });
    expect(response.status).toBe(201);

    const find = (name: string) => exporter.getFinishedSpans().find((span) => span.name === name);
    const consumer = await waitFor('consumer span', async () => find('consume evt.dossier.probe.recorded'), 10_000);
    const http = find('HTTP POST /api/v1/diagnostics/pipeline-probes')!;
    const client = find('request dossier.probe.record')!;
    const server = find('dossier dossier.probe.record')!;
    const producer = find('publish evt.dossier.probe.recorded')!;

    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const traceId = http.spanContext().traceId;
    for (const span of [client, server, producer, consumer]) expect(span.spanContext().traceId).toBe(traceId);
    expect(parentOf(client)).toBe(http.spanContext().spanId);
    expect(parentOf(server)).toBe(client.spanContext().spanId);
    expect(parentOf(producer)).toBe(server.spanContext().spanId);
    expect(parentOf(consumer)).toBe(producer.spanContext().spanId);
    expect(consumer.attributes['mc.service']).toBe('reporting');
    expect(response.headers.get('content-type')).toContain('application/json');
  });
});
