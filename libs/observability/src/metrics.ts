import { metrics, type Attributes, type Histogram, type Counter, type Meter, type ObservableResult } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { IncomingMessage, ServerResponse } from 'node:http';

let exporter: PrometheusExporter | undefined;
let provider: MeterProvider | undefined;

/**
 * Starts recording metrics for Prometheus to scrape from the process's own
 * operations listener. Without it every instrument is OpenTelemetry's no-op,
 * so a process that nobody scrapes (tests, the laptop profile) pays nothing.
 */
export function startMetrics(serviceName: string): void {
  if (provider) return;
  // The exporter's own HTTP server stays off: the operations listener serves it beside the probes.
  exporter = new PrometheusExporter({ preventServerStart: true });
  provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    readers: [exporter],
  });
  metrics.setGlobalMeterProvider(provider);
}

export async function stopMetrics(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
  exporter = undefined;
  metrics.disable();
}

export function metricsEnabled(): boolean {
  return provider !== undefined;
}

/** Answers a scrape in Prometheus's text format; 404 when metrics were not started. */
export function serveMetrics(request: IncomingMessage, response: ServerResponse): void {
  if (!exporter) {
    response.writeHead(404).end();
    return;
  }
  exporter.getMetricsRequestHandler(request, response);
}

const meter = (): Meter => metrics.getMeter('mot-cua');

/**
 * The instruments shared by every process, named as Prometheus will show
 * them (unit in the name), since the alert rules and the dashboard use them.
 */
export const platformMetrics = {
  busRequestDuration: (): Histogram =>
    meter().createHistogram('mc_bus_request_duration_seconds', {
      description: 'Time to answer a NATS request, by subject and outcome',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] },
    }),
  httpRequestDuration: (): Histogram =>
    meter().createHistogram('http_server_request_duration_seconds', {
      description: 'Time to answer an HTTP request at the gateway, by route and status',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
    }),
  deadLetters: (): Counter =>
    meter().createCounter('mc_consumer_dead_letters', {
      description: 'Events given up on and copied to the dead-letter subject, by durable and subject',
    }),
};

/**
 * A gauge read at scrape time, for figures the process must ask a database or
 * the broker for (outbox backlog, consumer lag). A failing read reports nothing
 * rather than a wrong zero, so an alert on absence can tell the two apart.
 */
export function observeGauge(
  name: string,
  options: { description: string; unit?: string },
  read: () => Promise<Array<{ value: number; attributes?: Attributes }>>,
): void {
  const gauge = meter().createObservableGauge(name, options);
  gauge.addCallback(async (result: ObservableResult) => {
    const readings = await read().catch(() => []);
    for (const reading of readings) result.observe(reading.value, reading.attributes);
  });
}
