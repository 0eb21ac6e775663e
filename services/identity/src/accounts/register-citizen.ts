import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accountCreatedV1, AppError, type AccountView, type CitizenRegisterInput } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { AccountStore } from './account-store';
import { hashPassword } from './passwords';
import { STAFF_CLIENT_ID } from './create-staff-account';

/** A stored hash no password can match: the citizen signs in only after setting one (or through VNeID, later). */
const NO_PASSWORD = 'none';

/**
 * A citizen's account, keyed by the 12-digit personal ID number: created by the
 * citizen online (with a password) or by a clerk at the counter (without one).
 * VNeID federation will attach to the same account through the ID number.
 */
@Injectable()
export class RegisterCitizen {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountStore,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async execute(input: CitizenRegisterInput, principal: Principal | null): Promise<AccountView> {
    if (principal && !isAllowed(principal, 'citizen.register', {})) {
      throw new AppError('FORBIDDEN', 'Bạn không có quyền tạo tài khoản công dân.');
    }
    if (!principal && !input.password) {
      throw new AppError('VALIDATION_FAILED', 'Đặt mật khẩu để đăng nhập về sau (tối thiểu 10 ký tự).');
    }
    const passwordHash = input.password ? await hashPassword(input.password) : NO_PASSWORD;
    const actor = principal?.username ?? `công dân ${input.idNumber.slice(-3)}`;
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO accounts (id, username, full_name, kind, password_hash, client_id, id_number, phone, email)
         VALUES ($1, $2, $3, 'citizen', $4, $5, $2, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [id, input.idNumber, input.fullName, passwordHash, STAFF_CLIENT_ID, input.phone, input.email ?? null],
      );
      if (inserted.length === 0) {
        throw new AppError('CONFLICT', 'Số định danh này đã có tài khoản. Hãy đăng nhập, hoặc nhờ cán bộ một cửa hỗ trợ.');
      }
      await this.audit.record(manager, { actor, action: 'account.created', targetType: 'account', targetId: id, after: { kind: 'citizen' } });
      await this.outbox.add(manager, accountCreatedV1, {
        accountId: id,
        username: input.idNumber,
        kind: 'citizen',
        unitCode: null,
        employment: null,
        actor,
      });
      return this.accounts.view(id, manager);
    });
  }
}
