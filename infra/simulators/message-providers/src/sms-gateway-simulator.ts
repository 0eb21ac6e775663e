import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, callBack, HttpSimulator, RateLimit, readJson, seeded } from './http-simulator';

export interface SmsGatewayOptions {
  apiKey: string;
  /** Presented on the delivery reports and incoming texts sent to the platform. */
  callbackToken: string;
  brandname?: string;
  /** Where delivery reports go (the platform's provider route); settable later. */
  reportUrl?: string;
  /** Where texts to the short code go. */
  inboundUrl?: string;
  port?: number;
  host?: string;
  /** How long after accepting a message its delivery report is sent. */
  reportDelayMs?: number;
  /** Requests per second before 429. */
  perSecond?: number;
  /** Share of requests answered 503 at random. */
  failRate?: number;
  /** Share of accepted messages whose handset never gets them (reported failed). */
  undeliveredRate?: number;
  seed?: number;
}

export interface SentSms {
  messageId: string;
  requestId: string;
  phone: string;
  content: string;
  segments: number;
  at: Date;
}

const PHONE = /^(0|84)(3|5|7|8|9)\d{8}$/;
const segments = (text: string) => {
  const length = [...text].length;
  // Every platform text carries Vietnamese diacritics: Unicode, 70 characters, 67 per part.
  return length <= 70 ? 1 : Math.ceil(length / 67);
};

/**
 * A brand-name SMS gateway as Vietnamese operators' aggregators run them:
 * `POST /v1/sms/send` per message with an API key, answered with its message
 * id (idempotent by the client's `requestId`), `code` "00" on success; 429
 * with Retry-After above the rate limit; 503 at random or on demand; a
 * delivery report POSTed later. A text to the short code
 * (`POST /v1/sms/inbound`, as a handset would send it) is forwarded to the
 * platform.
 */
export class SmsGatewaySimulator {
  readonly sent: SentSms[] = [];
  private readonly byRequest = new Map<string, SentSms>();
  private readonly http: HttpSimulator;
  private readonly random: () => number;
  private readonly limit: RateLimit;
  private failures = 0;
  private closed = false;
  private readonly pending = new Set<Promise<unknown>>();
  reportUrl: string | undefined;
  inboundUrl: string | undefined;

  private constructor(private readonly options: SmsGatewayOptions) {
    this.http = new HttpSimulator((request, response) => this.handle(request, response), options.port, options.host);
    this.random = seeded(options.seed ?? 1);
    this.limit = new RateLimit(options.perSecond ?? 50);
    this.reportUrl = options.reportUrl;
    this.inboundUrl = options.inboundUrl;
  }

  static async start(options: SmsGatewayOptions): Promise<SmsGatewaySimulator> {
    const simulator = new SmsGatewaySimulator(options);
    await simulator.http.listen();
    return simulator;
  }

  get url(): string {
    return this.http.url;
  }

  /** The next `count` send requests fail with 503, as during an outage of the gateway. */
  failNext(count: number): void {
    this.failures = count;
  }

  /** A handset texts the short code; resolves once the platform took it. */
  async textShortCode(from: string, text: string): Promise<string> {
    const messageId = randomUUID();
    if (!this.inboundUrl) throw new Error('no inbound URL');
    const delivered = await callBack(this.inboundUrl, this.options.callbackToken, { messageId, from, text, receivedAt: new Date().toISOString() });
    if (!delivered) throw new Error('the platform did not take the text');
    return messageId;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.http.close();
    await Promise.all(this.pending);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url?.split('?')[0];
    if (request.method === 'GET' && path === '/v1/sms/messages') return answer(response, 200, { messages: this.sent });
    if (request.method === 'POST' && path === '/v1/sms/inbound') {
      const body = await readJson(request);
      const messageId = await this.textShortCode(String(body.from ?? ''), String(body.text ?? ''));
      return answer(response, 202, { messageId });
    }
    if (request.method !== 'POST' || path !== '/v1/sms/send') return answer(response, 404, { code: '404', message: 'Not found' });
    if (request.headers.authorization !== `Bearer ${this.options.apiKey}`) return answer(response, 401, { code: '101', message: 'Invalid API key' });
    if (!this.limit.take()) return answer(response, 429, { code: '429', message: 'Too many requests' }, { 'retry-after': '1' });
    if (this.failures > 0) {
      this.failures -= 1;
      return answer(response, 503, { code: '503', message: 'Service unavailable' });
    }
    if (this.random() < (this.options.failRate ?? 0)) return answer(response, 503, { code: '503', message: 'Service unavailable' });
    const body = await readJson(request);
    const [phone, content, requestId] = [String(body.phone ?? ''), String(body.content ?? ''), String(body.requestId ?? '')];
    if (!PHONE.test(phone)) return answer(response, 400, { code: '99', message: 'Invalid phone number' });
    if (!content || !requestId) return answer(response, 400, { code: '98', message: 'Missing content or requestId' });
    if (body.brandname !== (this.options.brandname ?? 'MOTCUA')) return answer(response, 400, { code: '104', message: 'Brandname not registered' });
    const known = this.byRequest.get(requestId);
    if (known) return answer(response, 200, { code: '00', messageId: known.messageId, segments: known.segments });
    const sms: SentSms = { messageId: randomUUID(), requestId, phone, content, segments: segments(content), at: new Date() };
    this.sent.push(sms);
    this.byRequest.set(requestId, sms);
    this.report(sms);
    answer(response, 200, { code: '00', messageId: sms.messageId, segments: sms.segments });
  }

  private report(sms: SentSms): void {
    if (!this.reportUrl) return;
    const url = this.reportUrl;
    const delivered = this.random() >= (this.options.undeliveredRate ?? 0);
    const task = new Promise((resolve) => setTimeout(resolve, this.options.reportDelayMs ?? 500)).then(() =>
      callBack(url, this.options.callbackToken, {
        channel: 'sms',
        providerMessageId: sms.messageId,
        status: delivered ? 'delivered' : 'failed',
        at: new Date().toISOString(),
        ...(delivered ? {} : { error: 'Thuê bao không liên lạc được' }),
      }, 8, () => this.closed),
    );
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }
}
