import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@mc/observability';
import { LOGGER, repeat, SERVICE_CONFIG, type Repeating } from '@mc/service-runtime';
import type { OrderRow } from '../orders/order-row';
import type { PostalConfig } from '../postal.config';
import { POSTAL_OPERATOR, type PostalOperator } from './postal-operator';

const BATCH = 20;

/**
 * Sends queued orders to the operator. An order leaves the queue only once the
 * operator has answered with its waybill; a failure waits twice as long each
 * time (up to POSTAL_RELAY_MAX_BACKOFF_MS) and tries again, so nothing is lost
 * while the operator is unreachable. The operator is idempotent by order id,
 * so an answer lost on the way back (or a crash before the commit) costs a
 * repeated request, never a second parcel. Replicas share the queue through
 * `FOR UPDATE SKIP LOCKED`.
 */
@Injectable()
export class SendQueuedOrders implements OnApplicationBootstrap, OnApplicationShutdown {
  private job: Repeating | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(POSTAL_OPERATOR) private readonly operator: PostalOperator,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeat(this.config.POSTAL_RELAY_INTERVAL_MS, () => this.runOnce(), (error) => this.logger.error({ err: error }, 'postal relay failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  async runOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: (OrderRow & { attempts: number })[] = await manager.query(
        `SELECT o.*, q.attempts FROM operator_queue q JOIN orders o ON o.id = q.order_id
          WHERE q.next_attempt_at <= now() ORDER BY q.next_attempt_at LIMIT ${BATCH} FOR UPDATE OF q SKIP LOCKED`,
      );
      let sent = 0;
      for (const order of due) {
        // What one order's answer cannot be recorded for (a waybill already held by another order) is that order's failure, not the batch's.
        await manager.query('SAVEPOINT order_sent');
        try {
          const { waybill, postage } = await this.operator.placeOrder({
            orderId: order.id,
            leg: order.leg,
            dossierCode: order.dossier_code,
            address: order.address,
            contact: order.contact,
            collectedFees: order.collected_fees,
          });
          await manager.query('UPDATE orders SET waybill = $2, postage = $3, sent_at = coalesce(sent_at, now()) WHERE id = $1', [order.id, waybill, postage]);
          await manager.query('DELETE FROM operator_queue WHERE order_id = $1', [order.id]);
          sent += 1;
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT order_sent');
          const wait = Math.min(this.config.POSTAL_RELAY_INTERVAL_MS * 2 ** order.attempts, this.config.POSTAL_RELAY_MAX_BACKOFF_MS);
          await manager.query(
            `UPDATE operator_queue SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2::float / 1000), last_error = $3 WHERE order_id = $1`,
            [order.id, wait, (error as Error).message],
          );
          this.logger.warn({ orderId: order.id, attempts: order.attempts + 1, err: error }, 'postal operator did not take the order');
          // The operator is likely down: the rest of the batch would fail the same way.
          break;
        }
      }
      return sent;
    });
  }
}
