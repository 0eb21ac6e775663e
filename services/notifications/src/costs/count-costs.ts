import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, CHANNELS, type Channel, type CostReport } from '@mc/contracts';
import { hasRole, type Principal } from '@mc/auth';
import { displayDay } from '../display';

/** Messages sent, units billed and their cost per channel over days (Vietnam time, both ends included), for the province's budget. */
@Injectable()
export class CountCosts {
  constructor(private readonly dataSource: DataSource) {}

  async execute(range: { from: string; to: string }, principal: Principal): Promise<CostReport> {
    if (!hasRole(principal, 'province_admin')) throw new AppError('FORBIDDEN', 'Chỉ quản trị tỉnh được xem chi phí gửi thông báo.');
    if (range.from > range.to) throw new AppError('VALIDATION_FAILED', 'Ngày bắt đầu phải trước ngày kết thúc.', { issues: [{ path: 'from', message: 'Sau ngày kết thúc' }] });
    const rows: { channel: Channel; messages: string; units: string; cost: string }[] = await this.dataSource.query(
      `SELECT channel, count(*) AS messages, coalesce(sum(units), 0) AS units, coalesce(sum(cost), 0) AS cost FROM messages
        WHERE sent_at IS NOT NULL AND (sent_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $1::date AND $2::date GROUP BY channel`,
      [range.from, range.to],
    );
    const lines = CHANNELS.map((channel) => {
      const row = rows.find((candidate) => candidate.channel === channel);
      return { channel, messages: Number(row?.messages ?? 0), units: Number(row?.units ?? 0), cost: Number(row?.cost ?? 0) };
    });
    return { fromDisplay: displayDay(range.from), toDisplay: displayDay(range.to), lines, total: lines.reduce((sum, line) => sum + line.cost, 0) };
  }
}
