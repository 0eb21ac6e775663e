import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { ProviderRejected, ProviderThrottled, retryAfterMs, unansweredOrFailed, type MessageChannel, type OutgoingMessage, type SentMessage } from './channel';

/** Zalo numbers are international without the plus: 0912345678 → 84912345678. */
export const zaloPhone = (phone: string) => (phone.startsWith('0') ? `84${phone.slice(1)}` : phone);

/**
 * Zalo notification messages (ZNS): the template Zalo approved, by its id,
 * and the data to fill it, to the citizen's phone number. Zalo answers HTTP
 * 200 with its own error code; a negative code is a refusal of this message.
 * Our message id goes as `tracking_id`, which Zalo's delivery webhook names:
 * that is how a message whose answer was lost is confirmed.
 */
@Injectable()
export class ZaloZnsChannel implements MessageChannel {
  readonly channel = 'zalo' as const;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig) {}

  async send(message: OutgoingMessage): Promise<SentMessage> {
    if (!message.znsTemplateId) throw new ProviderRejected('no ZNS template id for this message');
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.config.ZALO_ZNS_URL}/message/template`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: this.config.ZALO_ACCESS_TOKEN },
        body: JSON.stringify({ phone: zaloPhone(message.recipient), template_id: message.znsTemplateId, template_data: message.params, tracking_id: message.id }),
        signal: AbortSignal.timeout(this.config.NOTIFY_PROVIDER_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw unansweredOrFailed(error, 'Zalo ZNS');
    }
    if (response.status === 429) throw new ProviderThrottled(retryAfterMs(response.headers.get('retry-after')));
    if (!response.ok) throw new Error(`Zalo ZNS answered ${response.status}`);
    const body = JSON.parse(text) as { error?: number; message?: string; data?: { msg_id?: string } };
    if (body.error !== 0 || !body.data?.msg_id) throw new ProviderRejected(`Zalo ZNS refused: ${body.error} ${body.message ?? ''}`.trim());
    return { providerMessageId: body.data.msg_id, units: 1 };
  }
}
