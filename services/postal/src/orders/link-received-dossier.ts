import { Injectable } from '@nestjs/common';
import { postalOrderStatusChangedV1, type PostalStatus } from '@mc/contracts';
import { Inbox, Outbox } from '@mc/messaging';
import { loadOrder } from './order-row';

export const RECEIVED_CONSUMER = 'postal.dossier-received';

/**
 * A dossier the post brought in is received: its pickup order now names the
 * dossier. Operators send reports out of order, so a step of the pickup can
 * arrive after the hand-in that made the receipt but before this link; it
 * named no dossier then, and is sent on to the dossier's history now.
 */
@Injectable()
export class LinkReceivedDossier {
  constructor(
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
  ) {}

  /**
   * `eventId`: the event that told of the receipt. Linking twice (the same
   * receipt told by the general event and by the postal order's own, while the
   * retired consumer drains) changes nothing the second time.
   */
  async execute(eventId: string, received: { dossierId: string; code: string; postalOrderId: string }): Promise<void> {
    const orderId = received.postalOrderId;
    await this.inbox.handleOnce(RECEIVED_CONSUMER, eventId, async (manager) => {
      // Under the order's lock, as a report is applied: a step lands either before the link (and is sent here) or after it (naming the dossier).
      const order = await loadOrder(manager, orderId, true);
      await manager.query('UPDATE orders SET dossier_id = $2, dossier_code = $3 WHERE id = $1', [order.id, received.dossierId, received.code]);
      const late: { status: PostalStatus; event_time: Date; reason: string | null; slip: { number: string; signedBy: string } | null }[] = await manager.query(
        'SELECT status, event_time, reason, slip FROM order_steps WHERE order_id = $1 AND NOT in_dossier ORDER BY event_time',
        [order.id],
      );
      await manager.query('UPDATE order_steps SET in_dossier = true WHERE order_id = $1 AND NOT in_dossier', [order.id]);
      for (const step of late) {
        await this.outbox.add(manager, postalOrderStatusChangedV1, {
          orderId: order.id,
          leg: order.leg,
          waybill: order.waybill ?? '',
          status: step.status,
          eventTime: new Date(step.event_time).toISOString(),
          reason: step.reason,
          slip: step.slip,
          dossierId: received.dossierId,
          submission: null,
        });
      }
    });
  }
}
