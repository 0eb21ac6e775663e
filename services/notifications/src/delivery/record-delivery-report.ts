import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, deliveryReportSchema, parseInput, type ProviderReceipt } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { checkProviderToken } from './provider-token';

/**
 * The provider's later word on a message it took: delivered to the handset,
 * or not. It names the message by the provider's id, and also by ours, which
 * is how a message sent without an answer (`unconfirmed`) is settled and not
 * sent again. A report for a message we do not know (or repeated) is
 * acknowledged without effect, so the provider stops sending it.
 */
@Injectable()
export class RecordDeliveryReport {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(token: string | undefined, body: unknown): Promise<ProviderReceipt> {
    checkProviderToken(this.config.PROVIDER_CALLBACK_TOKEN, token);
    const report = parseInput(deliveryReportSchema, body);
    // A message sent without an answer has no provider id yet: the report names it by ours, and brings the provider's.
    const [updated]: [unknown[], number] = await this.dataSource.query(
      `UPDATE messages SET status = $3, reported_at = $4, last_error = coalesce($5, last_error), provider_message_id = $2
        WHERE channel = $1 AND ((provider_message_id = $2 AND status = 'sent') OR (id = $6 AND status = 'unconfirmed')) RETURNING id`,
      [report.channel, report.providerMessageId, report.status === 'delivered' ? 'delivered' : 'undelivered', report.at, report.error ?? null, report.ourMessageId ?? null],
    );
    if (updated.length) return { accepted: true };
    const known: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM messages WHERE channel = $1 AND (provider_message_id = $2 OR (id = $3 AND status NOT IN ('pending', 'unconfirmed')))`,
      [report.channel, report.providerMessageId, report.ourMessageId ?? null],
    );
    // Not known yet: the report can overtake the commit of the send that it reports on, so the provider is asked to send it again.
    if (!known.length) throw new AppError('NOT_FOUND', 'Chưa có tin nhắn với mã này; nhà cung cấp gửi lại báo cáo sau.');
    return { accepted: false };
  }
}
