import { randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCadesSignature, type KeyBundle } from '@mc/signing';

/** What the holder does on the phone: confirms, refuses, or never answers until the request expires. */
export type Outcome = 'confirm' | 'refuse' | 'timeout';

export interface RemoteSigningOptions {
  /** The keys the service holds for its subscribers, by credential id (an account's username or a seal). */
  keys: (credentialId: string) => Promise<KeyBundle | null>;
  port?: number;
  host?: string;
  /** What a request without its own `outcome` gets. */
  defaultOutcome?: Outcome;
  /** How long the holder takes to answer on the phone. */
  confirmAfterMs?: number;
  /** How long a request waits for the holder before it expires. */
  expireAfterMs?: number;
}

interface Transaction {
  id: string;
  credentialId: string;
  documentName: string;
  status: 'pending' | 'confirmed' | 'refused' | 'expired';
  cms?: string;
  expiresAt: Date;
}

/**
 * Behaves like a Vietnamese remote-signing service (ký số từ xa): the platform
 * sends a SHA-256 and a document name, the service pushes a request to the
 * subscriber's phone and answers 202 with a transaction; the platform polls
 * until it is confirmed (with the CMS signature), refused, or expired. A test
 * chooses the holder's answer per request with `outcome`.
 */
export class RemoteSigningSimulator {
  private readonly transactions = new Map<string, Transaction>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly holders = new Map<string, Outcome>();

  private constructor(
    private readonly server: Server,
    private readonly options: RemoteSigningOptions,
  ) {}

  static async start(options: RemoteSigningOptions): Promise<RemoteSigningSimulator> {
    const server = createServer();
    const simulator = new RemoteSigningSimulator(server, options);
    server.on('request', (request, response) => void simulator.handle(request, response));
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
    return simulator;
  }

  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address}:${port}`;
  }

  /** Every request the service has seen, for tests to check nothing was signed that should not have been. */
  get requests(): ReadonlyArray<Readonly<Transaction>> {
    return [...this.transactions.values()];
  }

  /**
   * What the holder of a credential does on the phone with the requests that
   * follow, for a test that drives the platform (which sends no outcome).
   */
  holderWill(credentialId: string, outcome: Outcome): void {
    this.holders.set(credentialId, outcome);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private later(ms: number, action: () => Promise<void> | void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void action();
    }, ms);
    this.timers.add(timer);
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    try {
      const url = new URL(request.url ?? '/', 'http://simulator');
      const credential = /^\/v1\/credentials\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'GET' && credential) {
        const key = await this.options.keys(decodeURIComponent(credential[1]!));
        return key ? reply(200, { chain: key.chain.map((der) => der.toString('base64')) }) : reply(404, { error: 'unknown_credential' });
      }
      if (request.method === 'POST' && url.pathname === '/v1/signatures') return reply(...(await this.create(await readJson(request))));
      const transaction = /^\/v1\/signatures\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'GET' && transaction) {
        const found = this.transactions.get(transaction[1]!);
        if (!found) return reply(404, { error: 'unknown_transaction' });
        if (found.status === 'pending' && found.expiresAt.getTime() <= Date.now()) found.status = 'expired';
        return reply(200, { id: found.id, status: found.status, cms: found.cms, expiresAt: found.expiresAt.toISOString() });
      }
      reply(404, { error: 'not_found' });
    } catch (error) {
      reply(400, { error: 'bad_request', message: (error as Error).message });
    }
  }

  private async create(body: Record<string, unknown>): Promise<[number, unknown]> {
    const credentialId = String(body.credentialId ?? '');
    const hash = Buffer.from(String(body.hash ?? ''), 'base64');
    if (hash.length !== 32) return [400, { error: 'bad_hash', message: 'hash must be a base64 SHA-256' }];
    const key = await this.options.keys(credentialId);
    if (!key) return [404, { error: 'unknown_credential' }];
    const outcome = (body.outcome as Outcome | undefined) ?? this.holders.get(credentialId) ?? this.options.defaultOutcome ?? 'confirm';
    const transaction: Transaction = {
      id: randomUUID(),
      credentialId,
      documentName: String(body.documentName ?? ''),
      status: 'pending',
      expiresAt: new Date(Date.now() + (this.options.expireAfterMs ?? 120_000)),
    };
    this.transactions.set(transaction.id, transaction);
    if (outcome !== 'timeout') {
      this.later(this.options.confirmAfterMs ?? 1_000, async () => {
        if (transaction.status !== 'pending') return;
        if (outcome === 'refuse') {
          transaction.status = 'refused';
          return;
        }
        const cms = await buildCadesSignature({ digest: hash, chain: key.chain, sign: async (attributes) => sign('sha256', attributes, key.privateKey) });
        transaction.cms = cms.toString('base64');
        transaction.status = 'confirmed';
      });
    }
    return [202, { id: transaction.id, status: transaction.status, expiresAt: transaction.expiresAt.toISOString() }];
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  if (typeof parsed !== 'object' || parsed === null) throw new Error('JSON object expected');
  return parsed as Record<string, unknown>;
}
