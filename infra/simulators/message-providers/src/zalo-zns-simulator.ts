import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, callBack, HttpSimulator, RateLimit, readJson, seeded } from './http-simulator';

export interface ZaloZnsOptions {
  accessToken: string;
  callbackToken: string;
  /** Where "the user received the message" events go; settable later. */
  reportUrl?: string;
  port?: number;
  host?: string;
  reportDelayMs?: number;
  perSecond?: number;
  failRate?: number;
  seed?: number;
}

export interface SentZns {
  msgId: string;
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId: string;
  at: Date;
}

/**
 * Zalo notification messages (ZNS) as the Official Account API takes them:
 * `POST /message/template` with the OA's access token, a phone in 84…
 * form, an approved template's id and its data; Zalo's own error codes in a
 * 200 answer (-124 bad token, -108 bad phone), 429 above the rate limit, 503
 * at random or on demand, and a receipt event POSTed later.
 */
export class ZaloZnsSimulator {
  readonly sent: SentZns[] = [];
  private readonly http: HttpSimulator;
  private readonly random: () => number;
  private readonly limit: RateLimit;
  private failures = 0;
  private closed = false;
  private readonly pending = new Set<Promise<unknown>>();
  reportUrl: string | undefined;

  private constructor(private readonly options: ZaloZnsOptions) {
    this.http = new HttpSimulator((request, response) => this.handle(request, response), options.port, options.host);
    this.random = seeded(options.seed ?? 2);
    this.limit = new RateLimit(options.perSecond ?? 50);
    this.reportUrl = options.reportUrl;
  }

  static async start(options: ZaloZnsOptions): Promise<ZaloZnsSimulator> {
    const simulator = new ZaloZnsSimulator(options);
    await simulator.http.listen();
    return simulator;
  }

  get url(): string {
    return this.http.url;
  }

  failNext(count: number): void {
    this.failures = count;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.http.close();
    await Promise.all(this.pending);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url?.split('?')[0];
    if (request.method === 'GET' && path === '/message/sent') return answer(response, 200, { messages: this.sent });
    if (request.method !== 'POST' || path !== '/message/template') return answer(response, 404, { error: -404, message: 'Not found' });
    if (request.headers.access_token !== this.options.accessToken) return answer(response, 200, { error: -124, message: 'Access token is invalid' });
    if (!this.limit.take()) return answer(response, 429, { error: -429, message: 'Request rate exceeded' }, { 'retry-after': '1' });
    if (this.failures > 0 || this.random() < (this.options.failRate ?? 0)) {
      this.failures = Math.max(0, this.failures - 1);
      return answer(response, 503, { error: -32, message: 'Service unavailable' });
    }
    const body = await readJson(request);
    const phone = String(body.phone ?? '');
    if (!/^84\d{9,10}$/.test(phone)) return answer(response, 200, { error: -108, message: 'Phone number is invalid' });
    if (!/^\d+$/.test(String(body.template_id ?? ''))) return answer(response, 200, { error: -1123, message: 'Template id is invalid' });
    const zns: SentZns = {
      msgId: randomUUID().replace(/-/g, ''),
      phone,
      templateId: String(body.template_id),
      templateData: (body.template_data ?? {}) as Record<string, string>,
      trackingId: String(body.tracking_id ?? ''),
      at: new Date(),
    };
    this.sent.push(zns);
    if (this.reportUrl) {
      const url = this.reportUrl;
      const task = new Promise((resolve) => setTimeout(resolve, this.options.reportDelayMs ?? 500)).then(() =>
        callBack(url, this.options.callbackToken, { channel: 'zalo', providerMessageId: zns.msgId, status: 'delivered', at: new Date().toISOString() }, 8, () => this.closed),
      );
      this.pending.add(task);
      void task.finally(() => this.pending.delete(task));
    }
    answer(response, 200, { error: 0, message: 'Success', data: { msg_id: zns.msgId, sent_time: String(zns.at.getTime()) } });
  }
}
