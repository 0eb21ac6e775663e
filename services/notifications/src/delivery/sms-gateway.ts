import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { parsed, ProviderRejected, ProviderThrottled, retryAfterMs, unansweredOrFailed, type MessageChannel, type OutgoingMessage, type SentMessage } from './channel';

/**
 * A brand-name SMS gateway: one request per message under the province's
 * brandname, answered with the gateway's message id; the delivery report comes
 * later on the callback. Our message id goes as `requestId`, by which the
 * gateway is idempotent: a request repeated after a lost answer is not a
 * second SMS.
 */
@Injectable()
export class SmsGatewayChannel implements MessageChannel {
  readonly channel = 'sms' as const;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig) {}

  async send(message: OutgoingMessage): Promise<SentMessage> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.config.SMS_GATEWAY_URL}/v1/sms/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.config.SMS_GATEWAY_API_KEY}` },
        body: JSON.stringify({ brandname: this.config.SMS_BRANDNAME, phone: message.recipient, content: message.body, unicode: true, requestId: message.id }),
        signal: AbortSignal.timeout(this.config.NOTIFY_PROVIDER_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw unansweredOrFailed(error, 'SMS gateway');
    }
    if (response.status === 429) throw new ProviderThrottled(retryAfterMs(response.headers.get('retry-after')));
    const body = parsed(text) as { code?: string; message?: string; messageId?: string; segments?: number };
    if (response.status >= 400 && response.status < 500) throw new ProviderRejected(`SMS gateway refused: ${body.code ?? response.status} ${body.message ?? ''}`.trim());
    if (!response.ok || body.code !== '00' || !body.messageId) throw new Error(`SMS gateway answered ${response.status} ${body.code ?? ''}`.trim());
    return { providerMessageId: body.messageId, units: body.segments ?? 1 };
  }
}
