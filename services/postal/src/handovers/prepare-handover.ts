import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type HandoverView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { checkHandoverParty, loadHandover, toHandoverView, waitingItems } from './handover-rows';

/**
 * The clerk draws up the hand-over list when the postal worker is at the
 * centre: every dossier the worker brings and every result the worker takes
 * that is on no list yet. The orders are locked while the list is written, so
 * two clerks at once cannot put one order on two lists.
 */
@Injectable()
export class PrepareHandover {
  constructor(private readonly dataSource: DataSource) {}

  async execute(unitCode: string, principal: Principal): Promise<HandoverView> {
    checkHandoverParty(principal, unitCode, false);
    return this.dataSource.transaction(async (manager) => {
      const { bring, take } = await waitingItems(manager, unitCode, true);
      if (!bring.length && !take.length) {
        throw new AppError('CONFLICT', 'Không có hồ sơ nào bưu chính mang đến và không có kết quả nào chờ bưu chính nhận đi; chưa cần lập biên bản.');
      }
      const id = randomUUID();
      await manager.query('INSERT INTO handovers (id, unit_code, prepared_by, prepared_at) VALUES ($1, $2, $3, now())', [id, unitCode, principal.username]);
      const items = [...bring, ...take];
      await manager.query(
        'INSERT INTO handover_items (handover_id, order_id, direction) SELECT $1, * FROM unnest($2::uuid[], $3::text[])',
        [id, items.map((item) => item.orderId), items.map((item) => item.direction)],
      );
      return toHandoverView(manager, await loadHandover(manager, id));
    });
  }
}
