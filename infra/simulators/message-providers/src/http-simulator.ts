import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** mulberry32: small and seeded, so a test sees the same faults every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/**
 * A provider's rate limit: at most `perSecond` requests in any second, the
 * rest answered 429 with Retry-After, as the real gateways do.
 */
export class RateLimit {
  private window = 0;
  private count = 0;

  constructor(private readonly perSecond: number) {}

  take(now = Date.now()): boolean {
    const second = Math.floor(now / 1000);
    if (second !== this.window) [this.window, this.count] = [second, 0];
    this.count += 1;
    return this.count <= this.perSecond;
  }
}

/**
 * POSTs a callback (delivery report, incoming text) to the platform until it
 * answers 2xx, waiting longer each time, as providers retry their webhooks;
 * gives up early once `stopped` says the simulator is closing.
 */
export async function callBack(url: string, token: string, body: unknown, attempts = 8, stopped: () => boolean = () => false): Promise<boolean> {
  for (let attempt = 0; attempt < attempts && !stopped(); attempt += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-provider-token': token },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    }).catch(() => null);
    if (response?.ok) return true;
    const until = Date.now() + 200 * 2 ** attempt;
    while (Date.now() < until && !stopped()) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** An HTTP server that can be made unreachable and brought back on the same port. */
export class HttpSimulator {
  private server: Server | undefined;
  port: number;

  constructor(
    private readonly handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
    port = 0,
    private readonly host = '127.0.0.1',
  ) {
    this.port = port;
  }

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => answer(response, 500, { error: error.message }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
