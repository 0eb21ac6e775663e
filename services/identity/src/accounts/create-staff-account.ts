import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { accountCreatedV1, AppError, type AccountCreateInput, type AccountView } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { UnitStore } from '../units/unit-store';
import { AccountStore } from './account-store';
import { GrantRole } from './grant-role';
import { hashPassword } from './passwords';

/** The public client staff sign in with; machine clients get their own. */
export const STAFF_CLIENT_ID = 'mot-cua-web';

/**
 * Creates a staff account in a unit, with its first roles. The account, its
 * grants, the audit entries and the events commit together or not at all.
 */
@Injectable()
export class CreateStaffAccount {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitStore,
    private readonly accounts: AccountStore,
    private readonly grantRole: GrantRole,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async execute(input: AccountCreateInput, principal: Principal): Promise<AccountView> {
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction((manager) => this.create(manager, input, passwordHash, principal));
  }

  private async create(manager: EntityManager, input: AccountCreateInput, passwordHash: string, principal: Principal) {
    const unit = await this.units.require(input.unitCode, manager);
    if (!isAllowed(principal, 'account.create', { unitPath: unit.path })) {
      throw new AppError('FORBIDDEN', `Bạn không có quyền tạo tài khoản tại đơn vị ${unit.name}.`);
    }
    const taken: unknown[] = await manager.query('SELECT 1 FROM accounts WHERE username = $1', [input.username]);
    if (taken.length) throw new AppError('CONFLICT', `Tên đăng nhập "${input.username}" đã có người dùng. Chọn tên khác.`);

    const id = randomUUID();
    await manager.query(
      `INSERT INTO accounts (id, username, full_name, kind, password_hash, client_id, home_unit_id, employment, phone, email)
       VALUES ($1, $2, $3, 'staff', $4, $5, $6, $7, $8, $9)`,
      [id, input.username, input.fullName, passwordHash, STAFF_CLIENT_ID, unit.id, input.employment, input.phone ?? null, input.email ?? null],
    );
    const created = { id, username: input.username, fullName: input.fullName, unitCode: unit.code, employment: input.employment };
    await this.audit.record(manager, { actor: principal.username, action: 'account.created', targetType: 'account', targetId: id, after: created });
    await this.outbox.add(manager, accountCreatedV1, {
      accountId: id,
      username: input.username,
      kind: 'staff',
      unitCode: unit.code,
      employment: input.employment,
      actor: principal.username,
    });
    for (const grant of input.roles) {
      await this.grantRole.grant(manager, { accountId: id, ...grant }, principal);
    }
    return this.accounts.view(id, manager);
  }
}
