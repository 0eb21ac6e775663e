import type { FastifyInstance } from 'fastify';
import { platformMetrics } from '@mc/observability';

/**
 * Request rate, latency and errors per route for Prometheus. The route's
 * pattern (`/api/v1/dossiers/:code`), never the path: a path carries dossier
 * codes and would make one series per dossier.
 */
export function measureRequests(fastify: FastifyInstance): void {
  const duration = platformMetrics.httpRequestDuration();
  fastify.addHook('onResponse', (request, reply, done) => {
    duration.record(reply.elapsedTime / 1000, {
      'http.request.method': request.method,
      'http.route': request.routeOptions.url ?? 'unmatched',
      'http.response.status_code': reply.statusCode,
    });
    done();
  });
}
