import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, callBack, readJson } from './http-simulator';
import { MessageProviderSimulator, type MessageProviderOptions } from './message-provider';

export interface SmsGatewayOptions extends MessageProviderOptions {
  apiKey: string;
  brandname?: string;
  /** Where texts to the short code go. */
  inboundUrl?: string;
  /** Share of accepted messages whose handset never gets them (reported failed). */
  undeliveredRate?: number;
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
 * delivery report POSTed later, naming the client's requestId. A text to the short code
 * (`POST /v1/sms/inbound`, as a handset would send it) is forwarded to the
 * platform.
 */
export class SmsGatewaySimulator extends MessageProviderSimulator<SmsGatewayOptions> {
  readonly sent: SentSms[] = [];
  private readonly byRequest = new Map<string, SentSms>();
  inboundUrl: string | undefined;

  private constructor(options: SmsGatewayOptions) {
    super(options, 1);
    this.inboundUrl = options.inboundUrl;
  }

  static async start(options: SmsGatewayOptions): Promise<SmsGatewaySimulator> {
    const simulator = new SmsGatewaySimulator(options);
    await simulator.listen();
    return simulator;
  }

  /** A handset texts the short code; resolves once the platform took it. */
  async textShortCode(from: string, text: string): Promise<string> {
    const messageId = randomUUID();
    if (!this.inboundUrl) throw new Error('no inbound URL');
    const delivered = await callBack(this.inboundUrl, this.options.callbackToken, { messageId, from, text, receivedAt: new Date().toISOString() });
    if (!delivered) throw new Error('the platform did not take the text');
    return messageId;
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url?.split('?')[0];
    if (request.method === 'GET' && path === '/v1/sms/messages') return answer(response, 200, { messages: this.sent });
    if (request.method === 'POST' && path === '/v1/sms/inbound') {
      const body = await readJson(request);
      const messageId = await this.textShortCode(String(body.from ?? ''), String(body.text ?? ''));
      return answer(response, 202, { messageId });
    }
    if (request.method !== 'POST' || path !== '/v1/sms/send') return answer(response, 404, { code: '404', message: 'Not found' });
    if (request.headers.authorization !== `Bearer ${this.options.apiKey}`) return answer(response, 401, { code: '101', message: 'Invalid API key' });
    const refusal = this.refusal();
    if (refusal === 'rate-limited') return answer(response, 429, { code: '429', message: 'Too many requests' }, { 'retry-after': '1' });
    if (refusal === 'unavailable') return answer(response, 503, { code: '503', message: 'Service unavailable' });
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
    await this.answerLate();
    answer(response, 200, { code: '00', messageId: sms.messageId, segments: sms.segments });
  }

  private report(sms: SentSms): void {
    // Drawn when the message is accepted, so the seeded sequence does not depend on when reports go out.
    if (!this.reportUrl) return;
    const delivered = this.random() >= (this.options.undeliveredRate ?? 0);
    this.reportLater(() => ({
      channel: 'sms',
      providerMessageId: sms.messageId,
      ourMessageId: sms.requestId,
      status: delivered ? 'delivered' : 'failed',
      at: new Date().toISOString(),
      ...(delivered ? {} : { error: 'Thuê bao không liên lạc được' }),
    }));
  }
}
