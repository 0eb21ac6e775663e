import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, unitChangedV1, type UnitView } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { toUnitView, UnitStore } from './unit-store';

export interface UnitUpdate {
  code: string;
  name?: string;
  validTo?: string | null;
}

/** Renames a unit (keeping the old name with the date it ended) or ends its validity; the code never changes. */
@Injectable()
export class UpdateUnit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async execute(update: UnitUpdate, principal: Principal): Promise<UnitView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.units.require(update.code, manager);
      if (!isAllowed(principal, 'unit.update', { unitPath: before.path })) {
        throw new AppError('FORBIDDEN', 'Bạn không có quyền sửa đơn vị này.');
      }
      const renamed = update.name !== undefined && update.name !== before.name;
      const today = new Date().toISOString().slice(0, 10);
      const previousNames = renamed ? [...before.previous_names, { name: before.name, validTo: today }] : before.previous_names;
      const validTo = update.validTo === undefined ? before.valid_to : update.validTo;
      if (validTo && before.valid_from && validTo < before.valid_from) {
        throw new AppError('VALIDATION_FAILED', 'Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.');
      }
      await manager.query(
        'UPDATE units SET name = $2, valid_to = $3, previous_names = $4, updated_at = now() WHERE code = $1',
        [update.code, update.name ?? before.name, validTo, JSON.stringify(previousNames)],
      );
      const after = toUnitView({ ...before, name: update.name ?? before.name, valid_to: validTo, previous_names: previousNames });
      await this.audit.record(manager, {
        actor: principal.username,
        action: 'unit.changed',
        targetType: 'unit',
        targetId: update.code,
        before: toUnitView(before),
        after,
      });
      const { previousNames: _ignored, ...data } = after;
      await this.outbox.add(manager, unitChangedV1, data);
      return after;
    });
  }
}
