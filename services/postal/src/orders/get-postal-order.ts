import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type PostalOrderView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { loadOrder, toOrderView } from './order-row';

/** Whoever placed the order, or a clerk of the receiving unit, follows it; to anyone else it does not exist. */
@Injectable()
export class GetPostalOrder {
  constructor(private readonly dataSource: DataSource) {}

  async execute(orderId: string, principal: Principal): Promise<PostalOrderView> {
    const row = await loadOrder(this.dataSource.manager, orderId);
    const clerkHere = principal.roles.some((grant) => grant.role === 'clerk' && grant.path.split('/').includes(row.receiving_unit_code));
    if (row.requested_by !== principal.subject && !clerkHere) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn bưu chính.');
    return toOrderView(this.dataSource.manager, row);
  }
}
