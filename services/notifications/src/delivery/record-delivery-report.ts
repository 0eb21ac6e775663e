import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, deliveryReportSchema, parseInput, type ProviderReceipt } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { checkProviderToken } from './provider-token';

/**
 * The provider's later word on a message it took: delivered to the handset,
 * or not. A report for a message we do not know (or repeated) is acknowledged
 * without effect, so the provider stops sending it.
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
    const [updated]: [unknown[], number] = await this.dataSource.query(
      `UPDATE messages SET status = $3, reported_at = $4, last_error = coalesce($5, last_error)
        WHERE channel = $1 AND provider_message_id = $2 AND status = 'sent' RETURNING id`,
      [report.channel, report.providerMessageId, report.status === 'delivered' ? 'delivered' : 'undelivered', report.at, report.error ?? null],
    );
    if (updated.length) return { accepted: true };
    const known: unknown[] = await this.dataSource.query('SELECT 1 FROM messages WHERE channel = $1 AND provider_message_id = $2', [report.channel, report.providerMessageId]);
    // Not known yet: the report can overtake the commit of the send that it reports on, so the provider is asked to send it again.
    if (!known.length) throw new AppError('NOT_FOUND', 'Chưa có tin nhắn với mã này; nhà cung cấp gửi lại báo cáo sau.');
    return { accepted: false };
  }
}
