import { createServer, type Server } from 'node:http';
import { serveMetrics } from '@mc/observability';

export interface OpsChecks {
  /** Ready to take work: its own database, broker and any dependency it cannot work without answer. */
  ready: () => Promise<void>;
}

/**
 * The process's own operations listener: `/livez`, `/readyz` and `/metrics`.
 * A NATS health request is answered by whichever replica of the queue group is
 * first, so it cannot tell the orchestrator whether *this* pod is well; this
 * listener can. It serves nothing else and is never exposed outside the cluster.
 */
export async function startOpsServer(port: number, checks: OpsChecks): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/livez') {
      // Answering at all proves the event loop turns; a wedged loop fails the probe by timing out.
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      checks.ready().then(
        () => response.writeHead(200, { 'content-type': 'text/plain' }).end('ready\n'),
        (error: Error) => response.writeHead(503, { 'content-type': 'text/plain' }).end(`not ready: ${error.message}\n`),
      );
      return;
    }
    if (path === '/metrics') {
      serveMetrics(request, response);
      return;
    }
    response.writeHead(404).end();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
