import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from '@mc/observability';
import { waitFor } from '@mc/local-infra';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { reportingService } from '@mc/reporting';
import { passwordToken, startInProcess, type InProcessPlatform } from './support';

// One process, one tracer provider: every service's spans land in this exporter.
const exporter = new InMemorySpanExporter();
startTelemetry({ serviceName: 'e2e', spanProcessors: [new SimpleSpanProcessor(exporter)] });

describe('one trace across gateway → dossier → outbox → JetStream → reporting', () => {
  let platform: InProcessPlatform;

  beforeAll(async () => {
    platform = await startInProcess([identityService, dossierService, reportingService]);
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
});
