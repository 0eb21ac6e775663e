import { context, propagation, trace, type Context, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

let provider: NodeTracerProvider | undefined;

export interface TelemetryOptions {
  serviceName: string;
  /** Tests pass an in-memory exporter's processor; production exports OTLP when an endpoint is configured. */
  spanProcessors?: SpanProcessor[];
}

/**
 * Starts tracing for this process. There is no auto-instrumentation on purpose:
 * NATS has no instrumentation package, so every hop (HTTP, request/reply,
 * outbox, JetStream consumer) opens its span by hand and the trace stays whole.
 */
export function startTelemetry(options: TelemetryOptions): void {
  if (provider) return;
  const processors = options.spanProcessors ?? [];
  if (!options.spanProcessors && process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: processors,
    // With nowhere to send spans, recording them cost a tenth of a busy service's CPU. Unsampled
    // spans still get ids and pass them on, so logs and error replies keep their reference code.
    ...(processors.length ? {} : { sampler: new AlwaysOffSampler() }),
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
}

export async function stopTelemetry(): Promise<void> {
  await provider?.shutdown();
}

export const tracer = () => trace.getTracer('mot-cua');

/** The W3C headers (`traceparent`, `tracestate`) of the active span, for a message that leaves this process. */
export function currentTraceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

export function contextFromTraceHeaders(headers: Record<string, string | undefined>): Context {
  return propagation.extract(context.active(), headers);
}

/** Runs `fn` inside a new span that is a child of `parent`, recording failure and ending the span either way. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  parent: Context,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind, context as otelContext };
