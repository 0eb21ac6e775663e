import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, readJson } from './http-simulator';
import { MessageProviderSimulator, type MessageProviderOptions } from './message-provider';

export interface ZaloZnsOptions extends MessageProviderOptions {
  accessToken: string;
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
 * at random or on demand, and a receipt event POSTed later naming the
 * sender's `tracking_id`. It takes every request it accepts, a repeated one
 * too, as Zalo does: nothing is deduplicated.
 */
export class ZaloZnsSimulator extends MessageProviderSimulator<ZaloZnsOptions> {
  readonly sent: SentZns[] = [];

  private constructor(options: ZaloZnsOptions) {
    super(options, 2);
  }

  static async start(options: ZaloZnsOptions): Promise<ZaloZnsSimulator> {
    const simulator = new ZaloZnsSimulator(options);
    await simulator.listen();
    return simulator;
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url?.split('?')[0];
    if (request.method === 'GET' && path === '/message/sent') return answer(response, 200, { messages: this.sent });
    if (request.method !== 'POST' || path !== '/message/template') return answer(response, 404, { error: -404, message: 'Not found' });
    if (request.headers.access_token !== this.options.accessToken) return answer(response, 200, { error: -124, message: 'Access token is invalid' });
    const refusal = this.refusal();
    if (refusal === 'rate-limited') return answer(response, 429, { error: -429, message: 'Request rate exceeded' }, { 'retry-after': '1' });
    if (refusal === 'unavailable') return answer(response, 503, { error: -32, message: 'Service unavailable' });
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
    // Zalo's delivery webhook carries the sender's tracking_id back.
    this.reportLater(() => ({
      channel: 'zalo',
      providerMessageId: zns.msgId,
      ...(zns.trackingId ? { ourMessageId: zns.trackingId } : {}),
      status: 'delivered',
      at: new Date().toISOString(),
    }));
    await this.answerLate();
    answer(response, 200, { error: 0, message: 'Success', data: { msg_id: zns.msgId, sent_time: String(zns.at.getTime()) } });
  }
}
