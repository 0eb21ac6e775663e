import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, roleGrantedV1, type AccountView, type UnitKind } from '@mc/contracts';
import { mayGrant, type Principal, type Role } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { UnitStore } from '../units/unit-store';
import { AccountStore } from './account-store';

export interface GrantInput {
  accountId: string;
  role: Exclude<Role, 'citizen'>;
  unitCode: string;
}

/** Roles that only make sense at the top of the tree. */
const PROVINCE_ONLY: readonly Role[] = ['province_admin', 'postal_client'];
const ADMINISTRATIVE: readonly UnitKind[] = ['province', 'district', 'commune', 'ward', 'township', 'special_zone'];

@Injectable()
export class GrantRole {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitStore,
    private readonly accounts: AccountStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async execute(input: GrantInput, principal: Principal): Promise<AccountView> {
    return this.dataSource.transaction(async (manager) => {
      await this.accounts.requireVisible(input.accountId, principal, manager);
      await this.grant(manager, input, principal);
      return this.accounts.view(input.accountId, manager);
    });
  }

  /** Also used when an account is created with its first roles, in that transaction. */
  async grant(manager: EntityManager, input: GrantInput, principal: Principal): Promise<void> {
    const unit = await this.units.require(input.unitCode, manager);
    if (!mayGrant(principal, input.role, unit.path)) {
      throw new AppError('FORBIDDEN', `Bạn không có quyền giao vai trò "${input.role}" tại đơn vị ${unit.name}.`);
    }
    if (PROVINCE_ONLY.includes(input.role) && unit.kind !== 'province') {
      throw new AppError('VALIDATION_FAILED', `Vai trò "${input.role}" chỉ giao ở cấp tỉnh.`);
    }
    if (input.role === 'unit_admin' && !ADMINISTRATIVE.includes(unit.kind)) {
      throw new AppError('VALIDATION_FAILED', 'Quản trị đơn vị được giao tại tỉnh, huyện hoặc xã, không tại phòng ban.');
    }
    const account: { username: string; kind: string; disabled_at: Date | null }[] = await manager.query(
      'SELECT username, kind, disabled_at FROM accounts WHERE id = $1',
      [input.accountId],
    );
    if (account[0]?.kind === 'citizen') throw new AppError('VALIDATION_FAILED', 'Không giao vai trò cán bộ cho tài khoản công dân.');
    if (account[0]?.disabled_at) throw new AppError('CONFLICT', 'Tài khoản đang bị khóa; mở khóa trước khi giao vai trò.');
    const grantId = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO role_grants (id, account_id, role, unit_id, granted_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, role, unit_id) WHERE revoked_at IS NULL DO NOTHING RETURNING id`,
      [grantId, input.accountId, input.role, unit.id, principal.username],
    );
    if (inserted.length === 0) return; // already held: granting twice changes nothing
    const grant = { grantId, accountId: input.accountId, username: account[0]?.username ?? '', role: input.role, unitCode: unit.code, actor: principal.username };
    await this.audit.record(manager, { actor: principal.username, action: 'role.granted', targetType: 'role_grant', targetId: grantId, after: grant });
    await this.outbox.add(manager, roleGrantedV1, grant);
  }
}
