import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, roleRevokedV1, type AccountView } from '@mc/contracts';
import { mayGrant, type Principal, type Role } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { AccountStore } from './account-store';

/** Takes a role away; whoever may grant a role in a unit may also revoke it there. */
@Injectable()
export class RevokeRole {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async execute(input: { accountId: string; grantId: string }, principal: Principal): Promise<AccountView> {
    return this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.requireVisible(input.accountId, principal, manager);
      const grant = account.roles.find((role) => role.grantId === input.grantId);
      if (!grant) throw new AppError('NOT_FOUND', 'Không tìm thấy vai trò này trên tài khoản.');
      if (!mayGrant(principal, grant.role as Role, grant.unitPath)) {
        throw new AppError('FORBIDDEN', `Bạn không có quyền thu hồi vai trò "${grant.role}" tại đơn vị ${grant.unitCode}.`);
      }
      await manager.query('UPDATE role_grants SET revoked_at = now(), revoked_by = $2 WHERE id = $1', [input.grantId, principal.username]);
      const data = {
        grantId: grant.grantId,
        accountId: account.id,
        username: account.username,
        role: grant.role as Exclude<Role, 'citizen'>,
        unitCode: grant.unitCode,
        actor: principal.username,
      };
      await this.audit.record(manager, { actor: principal.username, action: 'role.revoked', targetType: 'role_grant', targetId: grant.grantId, before: data });
      await this.outbox.add(manager, roleRevokedV1, data);
      return this.accounts.view(account.id, manager);
    });
  }
}
