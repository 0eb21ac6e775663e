import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, operatorStatusReportSchema, parseInput, postalOrderStatusChangedV1, type PostalWebhookReceipt, type PostalWebhookRequest } from '@mc/contracts';
import { Outbox } from '@mc/messaging';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import { signPostalMessage } from '../operator/postal-operator';
import { loadOrder } from '../orders/order-row';
import type { PostalConfig } from '../postal.config';

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/**
 * A status report from the operator, checked on the exact bytes it sent: the
 * signature (HMAC over timestamp and body), a timestamp within the tolerance,
 * and a signature never seen before (a replay is refused like a forgery, 401).
 * A report with a message id already applied, or a status the order already
 * has, is acknowledged and changes nothing; the order's status is the one of
 * its latest report in the operator's event time, so an older report arriving
 * late is recorded in its place without moving the order back.
 */
@Injectable()
export class ReceiveOperatorReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  async execute(request: PostalWebhookRequest, now = new Date()): Promise<PostalWebhookReceipt> {
    const { rawBody, timestamp, signature } = request;
    if (!timestamp || !signature) throw unauthenticated('Thiếu chữ ký hoặc thời điểm ký của bưu chính.');
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > this.config.POSTAL_WEBHOOK_TOLERANCE_SECONDS) {
      throw unauthenticated('Thời điểm ký đã quá hạn cho phép; bưu chính ký lại thông báo với thời điểm hiện tại.');
    }
    const expected = Buffer.from(signPostalMessage(this.config.POSTAL_OPERATOR_SECRET, timestamp, rawBody));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthenticated('Chữ ký của thông báo không đúng.');
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'Nội dung thông báo không phải JSON.');
    }
    const report = parseInput(operatorStatusReportSchema, body);
    const fingerprint = createHash('sha256').update(signature).digest('hex');

    return this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query('INSERT INTO webhook_signatures (signature) VALUES ($1) ON CONFLICT DO NOTHING RETURNING signature', [fingerprint]);
      if (!fresh.length) throw unauthenticated('Thông báo này đã được gửi trước đó (gửi lại nguyên văn bị từ chối).');
      const order = await loadOrder(manager, report.orderId, true);
      if (order.waybill !== null && order.waybill !== report.waybill) {
        throw new AppError('VALIDATION_FAILED', `Mã bưu gửi ${report.waybill} không khớp đơn (mã bưu gửi ${order.waybill}).`);
      }
      const inserted: unknown[] = await manager.query(
        `INSERT INTO order_steps (order_id, message_id, status, event_time, reason, slip, in_dossier) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING status`,
        [order.id, report.messageId, report.status, report.eventTime, report.reason ?? null, report.slip ? JSON.stringify(report.slip) : null, order.dossier_id !== null],
      );
      if (!inserted.length) return { applied: false, status: order.status };
      const eventTime = new Date(report.eventTime);
      const latest = !order.status_event_time || eventTime > new Date(order.status_event_time);
      if (latest) await manager.query('UPDATE orders SET status = $2, status_event_time = $3 WHERE id = $1', [order.id, report.status, eventTime]);
      const handedIn = order.leg === 'pickup' && report.status === 'handed_to_centre';
      const earlierSteps: { status: string; event_time: Date; reason: string | null; slip: { number: string; signedBy: string } | null }[] = handedIn
        ? await manager.query("SELECT status, event_time, reason, slip FROM order_steps WHERE order_id = $1 AND status <> 'handed_to_centre' ORDER BY event_time", [order.id])
        : [];
      // The receipt carries every step so far; one reported after it waits for the link to the dossier (LinkReceivedDossier).
      if (handedIn) await manager.query('UPDATE order_steps SET in_dossier = true WHERE order_id = $1', [order.id]);
      const submission = order.submission as Record<string, unknown> | null;
      await this.outbox.add(manager, postalOrderStatusChangedV1, {
        orderId: order.id,
        leg: order.leg,
        waybill: report.waybill,
        status: report.status,
        eventTime: eventTime.toISOString(),
        reason: report.reason ?? null,
        slip: report.slip ?? null,
        dossierId: order.dossier_id,
        submission:
          handedIn && submission
            ? {
                procedureCode: String(submission.procedureCode),
                receivingUnitCode: String(submission.receivingUnitCode),
                applicant: submission.applicant as never,
                components: submission.components as never,
                returnMethod: submission.returnMethod === 'post' ? 'post' : 'counter',
                ...(typeof submission.returnAddress === 'string' ? { returnAddress: submission.returnAddress } : {}),
                ownerSubject: (submission.ownerSubject as string | null) ?? null,
                earlierSteps: earlierSteps.map((step) => ({
                  status: step.status as never,
                  eventTime: new Date(step.event_time).toISOString(),
                  waybill: report.waybill,
                  reason: step.reason,
                  slip: step.slip,
                })),
              }
            : null,
      });
      return { applied: true, status: latest ? report.status : order.status };
    });
  }
}
