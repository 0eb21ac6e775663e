import type { FastifyInstance } from 'fastify';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { contextFromTraceHeaders, otelContext, SpanKind, tracer } from '@mc/observability';

declare module 'fastify' {
  interface FastifyRequest {
    span?: Span;
  }
}

/**
 * Opens the server span of each HTTP request (continuing an incoming
 * `traceparent`) and runs the rest of the request inside it, so the NATS
 * requests the handler makes become its children.
 */
export function traceRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const parent = contextFromTraceHeaders(request.headers as Record<string, string>);
    // The path only: a query string may carry a receipt's tracking token, and spans are exported to the tracing backend.
    const path = request.url.split('?', 1)[0] ?? request.url;
    const span = tracer().startSpan(
      `HTTP ${request.method} ${request.routeOptions.url ?? path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': path } },
      parent,
    );
    request.span = span;
    otelContext.with(trace.setSpan(parent, span), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    request.span?.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) request.span?.setStatus({ code: SpanStatusCode.ERROR });
    request.span?.end();
    done();
  });
}
