import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accountDisabledV1, accountEnabledV1, AppError, type AccountView } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { AccountStore, toAccountView } from './account-store';

/**
 * Disables (never deletes) an account, or enables it again. Disabling revokes
 * its refresh tokens in the same transaction, so they stop at once; the
 * `account.disabled` event tells every service to refuse its access tokens.
 */
@Injectable()
export class SetAccountDisabled {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async disable(accountId: string, reason: string, principal: Principal): Promise<AccountView> {
    return this.change(accountId, principal, reason);
  }

  async enable(accountId: string, principal: Principal): Promise<AccountView> {
    return this.change(accountId, principal, null);
  }

  private async change(accountId: string, principal: Principal, disableReason: string | null): Promise<AccountView> {
    const disabling = disableReason !== null;
    return this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.requireVisible(accountId, principal, manager);
      const scope = account.unit_path ?? undefined;
      if (!isAllowed(principal, 'account.disable', { unitPath: scope })) {
        throw new AppError('FORBIDDEN', 'Bạn không có quyền khóa hoặc mở khóa tài khoản này.');
      }
      if (account.id === principal.subject) throw new AppError('CONFLICT', 'Không thể tự khóa tài khoản của chính mình.');
      if ((account.disabled_at !== null) === disabling) return toAccountView(account);
      await manager.query(
        disabling
          ? 'UPDATE accounts SET disabled_at = now(), disabled_reason = $2, updated_at = now() WHERE id = $1'
          : 'UPDATE accounts SET disabled_at = NULL, disabled_reason = NULL, updated_at = now() WHERE id = $1',
        disabling ? [account.id, disableReason] : [account.id],
      );
      if (disabling) {
        await manager.query('UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [account.id]);
      }
      const data = {
        accountId: account.id,
        username: account.username,
        kind: account.kind,
        unitCode: account.unit_code,
        employment: account.employment,
        actor: principal.username,
      };
      await this.audit.record(manager, {
        actor: principal.username,
        action: disabling ? 'account.disabled' : 'account.enabled',
        targetType: 'account',
        targetId: account.id,
        before: { disabled: account.disabled_at !== null },
        after: { disabled: disabling, reason: disableReason },
      });
      if (disabling) await this.outbox.add(manager, accountDisabledV1, { ...data, reason: disableReason });
      else await this.outbox.add(manager, accountEnabledV1, data);
      return this.accounts.view(account.id, manager);
    });
  }
}
