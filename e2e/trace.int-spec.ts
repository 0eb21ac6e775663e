import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind, startTelemetry } from '@mc/observability';
import { waitFor } from '@mc/local-infra';
import { catalogService } from '@mc/catalog';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { reportingService } from '@mc/reporting';
import { dossierCaughtUp, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

// One process, one tracer provider: every service's spans land in this exporter.
const exporter = new InMemorySpanExporter();
startTelemetry({ serviceName: 'e2e', spanProcessors: [new SimpleSpanProcessor(exporter)] });

describe('one trace across gateway → dossier → outbox → JetStream → reporting', () => {
  let platform: InProcessPlatform;

  beforeAll(async () => {
    platform = await startInProcess([identityService, catalogService, dossierService, reportingService]);
  });

  afterAll(() => platform?.stop());

  it('joins the HTTP request, the service, the outbox publish and the consumer in one trace', async () => {
    const token = await passwordToken(platform.issuer, 'admin.tinh');
    exporter.reset();
    const response = await fetch(`${platform.gateway.url}/api/v1/diagnostics/pipeline-probes`, {
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

  it('joins a received dossier to the reporting projection that applies its event, in one trace', async () => {
    const tokens = { 'admin.tinh': await passwordToken(platform.issuer, 'admin.tinh'), 'tiepnhan.lvt': await passwordToken(platform.issuer, 'tiepnhan.lvt') };
    const call = async (method: string, route: string, who: string, body?: unknown) => {
      const response = await fetch(`${platform.gateway.url}/api/v1${route}`, {
        method,
        headers: { authorization: `Bearer ${tokens[who as keyof typeof tokens]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { receipt?: { code: string } } };
    };
    await publishThreeDayProcedure(call, {
      code: '1.999003',
      name: 'Đăng ký khai sinh (thử nghiệm vết)',
      components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy khai sinh' },
    });
    await waitFor('unit 05983 known to the catalog', async () => (await fetch(`${platform.gateway.url}/api/v1/calendar/2026?unit=05983`)).status === 200);
    // The dossier service learns the version from the catalog's event: a submission before that is refused as unknown.
    await dossierCaughtUp(platform, 60_000);

    exporter.reset();
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999003',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Hoàng Văn Nam', idNumber: '020095001234' },
      components: [{ name: 'Tờ khai' }],
    });
    expect(received.status).toBe(201);

    const spans = () => exporter.getFinishedSpans();
    const http = spans().find((span) => span.name === 'HTTP POST /api/v1/dossiers')!;
    const traceId = http.spanContext().traceId;
    const inTrace = (name: string) => spans().filter((span) => span.name === name && span.spanContext().traceId === traceId);
    const consumer = await waitFor(
      'the projection’s consumer span',
      async () =>
        inTrace('consume evt.dossier.dossier.received').find(
          (span) => span.attributes['mc.service'] === 'reporting' && span.attributes['messaging.consumer.group.name'] === 'reporting__projection__dossier_g0',
        ),
      10_000,
    );
    const [producer] = inTrace('publish evt.dossier.dossier.received');

    const byId = new Map(spans().map((span) => [span.spanContext().spanId, span]));
    const chain: string[] = [];
    for (let span: ReadableSpan | undefined = consumer; span; span = byId.get(span.parentSpanContext?.spanId ?? '')) chain.unshift(span.name);
    expect(chain).toEqual(['HTTP POST /api/v1/dossiers', 'request dossier.dossier.receive', 'dossier dossier.dossier.receive', 'publish evt.dossier.dossier.received', 'consume evt.dossier.dossier.received']);
    expect(consumer.attributes['messaging.message.id']).toBe(producer!.attributes['messaging.message.id']);
    expect(consumer.kind).toBe(SpanKind.CONSUMER);
  });
});
