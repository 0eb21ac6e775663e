import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type AccountView } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';

export interface AccountRow {
  id: string;
  username: string;
  full_name: string;
  kind: 'staff' | 'citizen' | 'client';
  unit_code: string | null;
  unit_path: string | null;
  employment: 'own' | 'seconded' | null;
  disabled_at: Date | null;
  roles: { grantId: string; role: string; unitCode: string; unitPath: string }[];
}

const SELECT_ACCOUNT = `
  SELECT a.id, a.username, a.full_name, a.kind, u.code AS unit_code, u.path AS unit_path, a.employment, a.disabled_at,
         COALESCE((SELECT json_agg(json_build_object('grantId', g.id, 'role', g.role, 'unitCode', gu.code, 'unitPath', gu.path)
                                   ORDER BY g.granted_at)
                   FROM role_grants g JOIN units gu ON gu.id = g.unit_id
                   WHERE g.account_id = a.id AND g.revoked_at IS NULL), '[]'::json) AS roles
  FROM accounts a LEFT JOIN units u ON u.id = a.home_unit_id`;

export const toAccountView = (row: AccountRow): AccountView => ({
  id: row.id,
  username: row.username,
  fullName: row.full_name,
  kind: row.kind,
  unitCode: row.unit_code,
  employment: row.employment,
  disabled: row.disabled_at !== null,
  roles: row.roles.map(({ grantId, role, unitCode }) => ({ grantId, role, unitCode })),
});

/** Shared reads of accounts, with the visibility rule applied in one place. */
@Injectable()
export class AccountStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<AccountRow | undefined> {
    const rows: AccountRow[] = await manager.query(`${SELECT_ACCOUNT} WHERE a.id = $1`, [id]);
    return rows[0];
  }

  /** The account as callers see it, read back inside the transaction that just changed it. */
  async view(id: string, manager: EntityManager): Promise<AccountView> {
    const account = await this.find(id, manager);
    if (!account) throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản.');
    return toAccountView(account);
  }

  /**
   * An account the caller may not read answers exactly as one that does not
   * exist (404, not 403), so account ids cannot be probed across units.
   */
  async requireVisible(id: string, principal: Principal, manager?: EntityManager): Promise<AccountRow> {
    const account = await this.find(id, manager);
    if (!account || !canRead(principal, account)) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản (hoặc tài khoản không thuộc phạm vi quản lý của bạn).');
    }
    return account;
  }

  async listUnder(path: string, includeSubunits: boolean, limit: number, after: string | undefined): Promise<AccountRow[]> {
    const unitFilter = includeSubunits ? "u.path LIKE $1 || '%'" : 'u.path = $1';
    return this.dataSource.query(
      `${SELECT_ACCOUNT} WHERE ${unitFilter} AND ($2::text IS NULL OR a.username > $2) ORDER BY a.username LIMIT $3`,
      [path, after ?? null, limit],
    );
  }
}

export const canRead = (principal: Principal, account: AccountRow): boolean =>
  account.id === principal.subject ||
  (account.unit_path !== null && isAllowed(principal, 'account.read', { unitPath: account.unit_path }));
