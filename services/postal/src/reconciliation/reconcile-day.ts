import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type ReconciliationMismatch, type ReconciliationView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { displayDay } from '../display';
import { POSTAL_OPERATOR, type PostalOperator } from '../operator/postal-operator';

const ACTIONS: Record<ReconciliationMismatch['kind'], string> = {
  missing_in_statement: 'Bưu chính chưa kê đơn này: đề nghị bưu chính bổ sung vào bảng kê trước khi thanh toán.',
  unknown_to_us: 'Bảng kê có mã bưu gửi không có trong hệ thống: không thanh toán, đề nghị bưu chính giải trình.',
  postage_differs: 'Cước trên bảng kê khác cước bưu chính báo khi nhận đơn: đối chiếu biểu cước đã công bố, đề nghị bưu chính điều chỉnh.',
  fees_differ: 'Phí, lệ phí thu hộ trên bảng kê khác số phải thu: đối chiếu biên lai thu của nhân viên bưu chính trước khi nhận tiền.',
};

/**
 * The day's orders (by the day they reached the operator, Vietnam time)
 * against the operator's statement: postage and the fees collected on the
 * agency's behalf, waybill by waybill. Each mismatch says what the clerk does.
 */
@Injectable()
export class ReconcileDay {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(POSTAL_OPERATOR) private readonly operator: PostalOperator,
  ) {}

  async execute(day: string, principal: Principal): Promise<ReconciliationView> {
    if (!principal.roles.some((grant) => grant.role === 'clerk' || grant.role === 'province_admin')) {
      throw new AppError('FORBIDDEN', 'Chỉ cán bộ Bộ phận Một cửa hoặc quản trị tỉnh được đối soát với bưu chính.');
    }
    const ours: { waybill: string; postage: number | null; collected_fees: number }[] = await this.dataSource.query(
      `SELECT waybill, postage, collected_fees FROM orders
        WHERE waybill IS NOT NULL AND (sent_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $1::date ORDER BY waybill`,
      [day],
    );
    const theirs = await this.operator.statement(day).catch(() => {
      throw new AppError('UPSTREAM_ERROR', 'Không lấy được bảng kê của bưu chính; thử lại sau.');
    });
    const statement = new Map(theirs.map((line) => [line.waybill, line]));
    const mismatches: ReconciliationMismatch[] = [];
    for (const order of ours) {
      const line = statement.get(order.waybill);
      statement.delete(order.waybill);
      const mine = { postage: order.postage, collectedFees: order.collected_fees };
      const kinds: ReconciliationMismatch['kind'][] = !line
        ? ['missing_in_statement']
        : [
            ...(line.postage !== order.postage ? (['postage_differs'] as const) : []),
            ...(line.collectedFees !== order.collected_fees ? (['fees_differ'] as const) : []),
          ];
      for (const kind of kinds) {
        mismatches.push({ waybill: order.waybill, kind, ours: mine, theirs: line ? { postage: line.postage, collectedFees: line.collectedFees } : null, action: ACTIONS[kind] });
      }
    }
    for (const line of statement.values()) {
      mismatches.push({ waybill: line.waybill, kind: 'unknown_to_us', ours: null, theirs: { postage: line.postage, collectedFees: line.collectedFees }, action: ACTIONS.unknown_to_us });
    }
    return {
      day,
      dayDisplay: displayDay(day),
      orders: ours.length,
      totals: {
        postage: ours.reduce((sum, order) => sum + (order.postage ?? 0), 0),
        collectedFees: ours.reduce((sum, order) => sum + order.collected_fees, 0),
      },
      mismatches,
    };
  }
}
