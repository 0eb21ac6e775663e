import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { metrics, type Counter } from '@opentelemetry/api';
import { DataSource, type EntityManager } from 'typeorm';
import type { Channel } from '@mc/contracts';
import type { Logger } from '@mc/observability';
import { CLOCK, LOGGER, repeat, SERVICE_CONFIG, type Clock, type Repeating } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { MESSAGE_CHANNELS, ProviderRejected, ProviderThrottled, ProviderUnanswered, type MessageChannel } from './channel';
import { quietUntil } from './quiet-hours';
import { smsSegments } from './sms-units';

interface DueRow {
  id: string;
  channel: Channel;
  kind: string;
  recipient: string;
  subject: string | null;
  body: string;
  params: Record<string, string>;
  zns_template_id: string | null;
  urgent: boolean;
  attempts: number;
  superseded: boolean;
}

/**
 * Sends due messages through their channel. A sent message records the
 * provider's id, the units billed and their cost. A failure waits twice as
 * long each time (NOTIFY_RETRY_BASE_MS up to NOTIFY_RETRY_MAX_MS); after
 * NOTIFY_MAX_ATTEMPTS, or at once when the provider refuses the message for
 * good, it becomes a dead letter a clerk sees. A throttled request waits what
 * the provider asks and is not counted as a failure. A non-urgent SMS due in
 * the quiet hours waits for their end. A dossier's messages on a channel go
 * in the order of their events (see the query). A request the provider did
 * not answer (timeout, dropped connection) may have been taken: the message
 * becomes `unconfirmed`, which a delivery report naming it settles
 * (RecordDeliveryReport); without one it is sent once more after
 * NOTIFY_UNCONFIRMED_WAIT_MS. Replicas share the work
 * through `FOR UPDATE SKIP LOCKED`; time is the injected clock's.
 */
@Injectable()
export class SendDueMessages implements OnApplicationBootstrap, OnApplicationShutdown {
  private job: Repeating | undefined;
  private readonly channels: Map<Channel, MessageChannel>;
  private readonly prices: Record<Channel, number>;
  private readonly unconfirmed: Counter = metrics.getMeter('mot-cua').createCounter('mc_notifications_unconfirmed', {
    description: 'Notifications sent without an answer from the provider, by channel and outcome (waiting for a report, sent again after the wait)',
  });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGE_CHANNELS) channels: MessageChannel[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.channels = new Map(channels.map((channel) => [channel.channel, channel]));
    this.prices = { sms: config.SMS_PRICE_PER_SEGMENT, zalo: config.ZALO_PRICE_PER_MESSAGE, email: config.EMAIL_PRICE_PER_MESSAGE };
  }

  onApplicationBootstrap(): void {
    this.job = repeat(this.config.NOTIFY_SEND_INTERVAL_MS, () => this.drain(), (error) => this.logger.error({ err: error }, 'sending notifications failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /**
   * Passes until a pass finds nothing due, so a backlog goes out at the providers' pace rather than one batch per tick.
   * A short pass is not the end: a dossier's later message becomes due only once the earlier one it waited for was sent
   * in that pass.
   */
  async drain(): Promise<number> {
    await this.sendUnconfirmedAgain();
    let total = 0;
    for (;;) {
      const handled = await this.runOnce();
      total += handled;
      if (handled === 0) return total;
    }
  }

  /** Unanswered messages whose wait passed without a delivery report naming them go back to the queue, to be sent once more. */
  private async sendUnconfirmedAgain(): Promise<void> {
    const [released]: [{ id: string; channel: Channel }[], number] = await this.dataSource.query(
      `UPDATE messages SET status = 'pending' WHERE status = 'unconfirmed' AND next_attempt_at <= $1 RETURNING id, channel`,
      [this.clock.now()],
    );
    for (const row of released) {
      this.unconfirmed.add(1, { channel: row.channel, outcome: 'sent_again' });
      this.logger.warn({ messageId: row.id }, 'no report on a notification sent without an answer; sending it again');
    }
  }

  /** One batch; returns how many due messages it handled (sent, held, retried or dead). */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // A dossier's messages on one channel go out in the order of their events: one waits while an earlier one is still to be sent
      // (held for the night, waiting for a retry), and a batch takes a dossier and channel only when no other replica's batch holds it.
      // One whose later news has already gone out is superseded, not sent: "result ready" after "returned" would mislead.
      const due: DueRow[] = await manager.query(
        `SELECT m.id, m.channel, m.kind, m.recipient, m.subject, m.body, m.params, m.zns_template_id, m.urgent, m.attempts,
                EXISTS (SELECT 1 FROM messages later WHERE later.dossier_id = m.dossier_id AND later.channel = m.channel AND later.event_at > m.event_at
                           AND later.status IN ('sent', 'delivered')) AS superseded
           FROM messages m
          WHERE m.status = 'pending' AND m.next_attempt_at <= $1
            AND NOT EXISTS (SELECT 1 FROM messages earlier WHERE earlier.dossier_id = m.dossier_id AND earlier.channel = m.channel AND earlier.status = 'pending'
                               AND earlier.event_at < m.event_at)
            AND (m.dossier_id IS NULL OR pg_try_advisory_xact_lock(hashtextextended(m.dossier_id::text || m.channel, 0)))
          ORDER BY m.next_attempt_at LIMIT $2 FOR UPDATE OF m SKIP LOCKED`,
        [now, this.config.NOTIFY_SEND_BATCH],
      );
      // The providers are called side by side; the rows are then updated one after another on the transaction's connection.
      const outcomes = await Promise.all(due.map((row) => this.attempt(row, now)));
      for (const apply of outcomes) await apply(manager);
      return due.length;
    });
  }

  /** Sends one message (or holds it for the quiet hours) and returns how to record the outcome. */
  private async attempt(row: DueRow, now: Date): Promise<(manager: EntityManager) => Promise<void>> {
    if (row.superseded) {
      this.logger.info({ messageId: row.id, channel: row.channel, kind: row.kind }, 'notification superseded by later news already sent');
      return async (manager) => void (await manager.query(`UPDATE messages SET status = 'superseded' WHERE id = $1`, [row.id]));
    }
    if (row.channel === 'sms' && !row.urgent) {
      const until = quietUntil(now, this.config.SMS_QUIET_FROM, this.config.SMS_QUIET_UNTIL);
      if (until) return async (manager) => void (await manager.query('UPDATE messages SET next_attempt_at = $2 WHERE id = $1', [row.id, until]));
    }
    const channel = this.channels.get(row.channel);
    try {
      if (!channel) throw new ProviderRejected(`no ${row.channel} channel configured`);
      const sent = await channel.send({
        id: row.id,
        channel: row.channel,
        recipient: row.recipient,
        subject: row.subject,
        body: row.body,
        params: row.params,
        znsTemplateId: row.zns_template_id,
      });
      return async (manager) =>
        void (await manager.query(
          `UPDATE messages SET status = 'sent', attempts = attempts + 1, provider_message_id = $2, units = $3, cost = $4, sent_at = $5, last_error = NULL WHERE id = $1`,
          [row.id, sent.providerMessageId, sent.units, sent.units * this.prices[row.channel], now],
        ));
    } catch (error) {
      return (manager) => this.failed(manager, row, now, error as Error);
    }
  }

  private async failed(manager: EntityManager, row: DueRow, now: Date, error: Error): Promise<void> {
    // Message ids and error texts only: the recipient and the text are personal data and stay out of the log.
    if (error instanceof ProviderThrottled) {
      await manager.query('UPDATE messages SET next_attempt_at = $2, last_error = $3 WHERE id = $1', [row.id, new Date(now.getTime() + error.retryAfterMs), error.message]);
      this.logger.info({ messageId: row.id, channel: row.channel, retryAfterMs: error.retryAfterMs }, 'provider throttled; waiting');
      return;
    }
    const attempts = row.attempts + 1;
    if (error instanceof ProviderUnanswered && attempts < this.config.NOTIFY_MAX_ATTEMPTS) {
      // Billed as sent, since the provider most likely took it; a report names it by our id (RecordDeliveryReport).
      const units = row.channel === 'sms' ? smsSegments(row.body) : 1;
      await manager.query(
        `UPDATE messages SET status = 'unconfirmed', attempts = $2, sent_at = $3, next_attempt_at = $4, units = $5, cost = $6, last_error = $7 WHERE id = $1`,
        [row.id, attempts, now, new Date(now.getTime() + this.config.NOTIFY_UNCONFIRMED_WAIT_MS), units, units * this.prices[row.channel], error.message],
      );
      this.unconfirmed.add(1, { channel: row.channel, outcome: 'waiting' });
      this.logger.warn({ messageId: row.id, channel: row.channel, attempts, err: error.message }, 'provider did not answer; waiting for its report before sending again');
      return;
    }
    if (error instanceof ProviderRejected || attempts >= this.config.NOTIFY_MAX_ATTEMPTS) {
      await manager.query(`UPDATE messages SET status = 'dead', attempts = $2, last_error = $3 WHERE id = $1`, [row.id, attempts, error.message]);
      this.logger.warn({ messageId: row.id, channel: row.channel, kind: row.kind, attempts, err: error.message }, 'notification dead-lettered');
      return;
    }
    const wait = Math.min(this.config.NOTIFY_RETRY_BASE_MS * 2 ** (attempts - 1), this.config.NOTIFY_RETRY_MAX_MS);
    await manager.query('UPDATE messages SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1', [row.id, attempts, new Date(now.getTime() + wait), error.message]);
    this.logger.warn({ messageId: row.id, channel: row.channel, attempts, waitMs: wait, err: error.message }, 'notification not sent; will retry');
  }
}
