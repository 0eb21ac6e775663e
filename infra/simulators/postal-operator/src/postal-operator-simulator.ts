import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostalOperatorOptions {
  /** Shared HMAC secret: orders coming in must be signed with it, webhooks going out are. */
  secret: string;
  /** Where status reports are POSTed (the platform's partner webhook route); settable later. */
  webhookUrl?: string;
  port?: number;
  host?: string;
  /** Time between two statuses of an order. */
  stepMs?: number;
  /** Seed of the pseudo-random faults, so a test sees the same run every time. */
  seed?: number;
  /** Share of deliveries that fail (then the parcel is returned to the centre). */
  failDeliveryRate?: number;
  /** Share of status reports sent twice (the second time freshly signed, same message id). */
  duplicateRate?: number;
  /** Share of status reports held back and sent after the next one. */
  outOfOrderRate?: number;
  /** Share of order requests answered 503, as an overloaded operator does. */
  unavailableRate?: number;
  /**
   * The number of its first waybill (1). A real operator never hands out a
   * waybill twice; a simulator restarted against the same platform data must
   * start past the ones it gave before.
   */
  firstWaybill?: number;
  /** Told of each report sent and of the platform's answer, so a person running the demo can follow the orders. */
  log?: (message: string) => void;
}

export interface SimulatedOrder {
  orderId: string;
  leg: 'pickup' | 'return';
  waybill: string;
  postage: number;
  collectedFees: number;
  createdAt: Date;
  statuses: string[];
}

interface Report {
  messageId: string;
  orderId: string;
  waybill: string;
  status: string;
  eventTime: string;
  reason?: string;
  slip?: { number: string; signedBy: string };
}

const TOLERANCE_SECONDS = 300;
const TARIFF = { pickup: 28_000, return: 32_000 } as const;

/** mulberry32: small, seeded, good enough to pick faults reproducibly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sign = (secret: string, timestamp: string, body: string) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
const vietnamDay = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * A postal operator (Bưu điện) as an HTTP server, for the tests and `npm start`:
 * accepts signed orders (idempotent by the platform's order id), assigns
 * waybills and postage, moves each order through its statuses every `stepMs`
 * and reports each with a signed webhook, retried with back-off until the
 * platform answers 2xx. Some deliveries fail, some reports are sent twice or
 * out of order, and `stop()`/`start()` make it unreachable for a while. Its
 * daily statement (`GET /statements/:day`) lists postage and collected fees
 * per waybill.
 */
export class PostalOperatorSimulator {
  readonly orders = new Map<string, SimulatedOrder>();
  /** How many reports it sent twice and held back so far, so a test can tell the faults happened. */
  readonly faults = { duplicates: 0, outOfOrder: 0 };
  /** Statement lines changed by hand, to plant a mismatch. */
  private readonly statementChanges = new Map<string, { postage?: number; collectedFees?: number }>();
  private readonly random: () => number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private heldBack: Report | undefined;
  private sequence = 0;
  private messages = 0;
  port: number;
  webhookUrl: string | undefined;

  private constructor(private readonly options: PostalOperatorOptions) {
    this.random = seeded(options.seed ?? 1);
    this.sequence = (options.firstWaybill ?? 1) - 1;
    this.port = options.port ?? 0;
    this.webhookUrl = options.webhookUrl;
  }

  static async start(options: PostalOperatorOptions): Promise<PostalOperatorSimulator> {
    const simulator = new PostalOperatorSimulator(options);
    await simulator.listen();
    return simulator;
  }

  get url(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** Comes back on the same port after `stop()`; orders and their progress were kept. */
  async listen(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Unreachable: connections are refused until `listen()`. Progress and webhooks pause with it. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.stop();
  }

  /** The statement shows other figures for this waybill than the operator's own order. */
  plantStatementChange(waybill: string, change: { postage?: number; collectedFees?: number }): void {
    this.statementChanges.set(waybill, change);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.url);
    const reply = (status: number, data: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(data));
    };
    if (!this.signedCorrectly(request, body)) return reply(401, { error: 'invalid_signature' });
    if (request.method === 'POST' && url.pathname === '/orders') {
      if (this.random() < (this.options.unavailableRate ?? 0)) return reply(503, { error: 'busy' });
      return reply(200, this.accept(JSON.parse(body) as { orderId: string; leg: 'pickup' | 'return'; collectedFees: number }));
    }
    const statement = /^\/statements\/(\d{4}-\d{2}-\d{2})$/.exec(url.pathname);
    if (request.method === 'GET' && statement) return reply(200, this.statement(statement[1] as string));
    reply(404, { error: 'not_found' });
  }

  private signedCorrectly(request: IncomingMessage, body: string): boolean {
    const timestamp = String(request.headers['x-postal-timestamp'] ?? '');
    const signature = Buffer.from(String(request.headers['x-postal-signature'] ?? ''));
    const expected = Buffer.from(sign(this.options.secret, timestamp, body));
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= TOLERANCE_SECONDS;
    return fresh && signature.length === expected.length && timingSafeEqual(signature, expected);
  }

  private accept(order: { orderId: string; leg: 'pickup' | 'return'; collectedFees: number }) {
    const known = this.orders.get(order.orderId);
    if (known) return { waybill: known.waybill, postage: known.postage };
    this.sequence += 1;
    const created: SimulatedOrder = {
      orderId: order.orderId,
      leg: order.leg,
      waybill: `EL${String(100_000_000 + this.sequence).slice(1)}VN`,
      postage: TARIFF[order.leg],
      collectedFees: order.collectedFees,
      createdAt: new Date(),
      statuses: [],
    };
    this.orders.set(order.orderId, created);
    const plan = order.leg === 'pickup' ? ['accepted', 'picked_up', 'handed_to_centre'] : this.returnPlan();
    plan.forEach((status, index) => this.later((index + 1) * (this.options.stepMs ?? 1000), () => this.progress(created, status)));
    return { waybill: created.waybill, postage: created.postage };
  }

  private returnPlan(): string[] {
    const fails = this.random() < (this.options.failDeliveryRate ?? 0);
    return fails ? ['accepted', 'result_collected', 'delivery_failed', 'returned_to_sender'] : ['accepted', 'result_collected', 'delivered'];
  }

  private later(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    this.timers.add(timer);
  }

  private progress(order: SimulatedOrder, status: string): void {
    // While it is down, the operator's own work waits too.
    if (!this.server) return this.later(this.options.stepMs ?? 1000, () => this.progress(order, status));
    order.statuses.push(status);
    this.messages += 1;
    const report: Report = {
      messageId: `MSG-${order.waybill}-${this.messages}`,
      orderId: order.orderId,
      waybill: order.waybill,
      status,
      eventTime: new Date().toISOString(),
      ...(status === 'picked_up' ? { slip: { number: `PBC-${order.waybill}`, signedBy: 'Người nộp hồ sơ' } } : {}),
      ...(status === 'delivery_failed' ? { reason: 'Không liên lạc được với người nhận sau 3 lần phát.' } : {}),
    };
    if (!this.heldBack && this.random() < (this.options.outOfOrderRate ?? 0)) {
      this.heldBack = report;
      this.faults.outOfOrder += 1;
      // Sent after the next report; and if none comes (an order's last step), after a step's time all the same.
      this.later(1.5 * (this.options.stepMs ?? 1000), () => {
        if (this.heldBack !== report) return;
        this.heldBack = undefined;
        this.send(report, 0);
      });
      return;
    }
    this.send(report, 0);
    if (this.heldBack) {
      const late = this.heldBack;
      this.heldBack = undefined;
      this.send(late, 0);
    }
    if (this.random() < (this.options.duplicateRate ?? 0)) {
      this.faults.duplicates += 1;
      this.later(50, () => this.send(report, 0));
    }
  }

  private send(report: Report, attempt: number): void {
    const retry = () => this.later(Math.min(100 * 2 ** attempt, 5_000), () => this.send(report, attempt + 1));
    if (!this.webhookUrl || !this.server) return retry();
    const body = JSON.stringify(report);
    const timestamp = String(Math.floor(Date.now() / 1000));
    fetch(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-postal-timestamp': timestamp, 'x-postal-signature': sign(this.options.secret, timestamp, body) },
      body,
    }).then(
      (response) => {
        this.options.log?.(`${report.waybill} ${report.status} (${report.messageId}, ${report.eventTime}) → ${response.status}${attempt ? `, lần gửi thứ ${attempt + 1}` : ''}`);
        if (!response.ok) retry();
      },
      () => retry(),
    );
  }

  private statement(day: string) {
    const lines = [...this.orders.values()]
      .filter((order) => vietnamDay(order.createdAt) === day)
      .map((order) => ({ waybill: order.waybill, orderId: order.orderId, postage: order.postage, collectedFees: order.collectedFees, ...this.statementChanges.get(order.waybill) }));
    return { day, lines };
  }
}
