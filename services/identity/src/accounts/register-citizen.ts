import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accountCreatedV1, type CitizenRegisterInput, type CitizenRegistrationReceipt } from '@mc/contracts';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { lockIdNumber } from './citizen-proofs';
import { hashPassword } from './passwords';
import { STAFF_CLIENT_ID } from './create-staff-account';

/**
 * The same words whichever way it went: the legitimate holder of a taken
 * number learns how to take the account back, and nobody learns that it was taken.
 */
export const REGISTRATION_RECEIVED: CitizenRegistrationReceipt = {
  status: 'received',
  message:
    'Đã nhận đăng ký tài khoản. Nếu số định danh này chưa có tài khoản, bạn đăng nhập bằng số định danh và mật khẩu vừa đặt; ' +
    'tài khoản chưa xác minh chỉ tra cứu được hồ sơ bằng mã hồ sơ và mã tra cứu. Để xem và nộp hồ sơ đứng tên mình, hãy xác minh ' +
    'số định danh: đăng nhập bằng VNeID, hoặc mang thẻ căn cước đến Bộ phận Một cửa bất kỳ trong tỉnh. Nếu số định danh đã có ' +
    'tài khoản, mật khẩu cũ được giữ nguyên: đăng nhập bằng VNeID hoặc đến Bộ phận Một cửa để nhận lại tài khoản.',
};

/**
 * Online self-registration. The account claims the ID number and proves
 * nothing: services see no verified ID number in its tokens until VNeID or a
 * clerk's check at the counter proves it. Both outcomes do the same work (the
 * password hash, one insert attempt, one audit row) and answer the same, so
 * neither the answer nor its timing tells whether the number had an account.
 */
@Injectable()
export class RegisterCitizen {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async execute(input: CitizenRegisterInput): Promise<CitizenRegistrationReceipt> {
    const passwordHash = await hashPassword(input.password);
    const actor = `công dân ${input.idNumber.slice(-3)}`;
    await this.dataSource.transaction(async (manager) => {
      await lockIdNumber(manager, input.idNumber);
      const id = randomUUID();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO accounts (id, username, full_name, kind, password_hash, client_id, id_number, phone, email)
         VALUES ($1, $2, $3, 'citizen', $4, $5, $2, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [id, input.idNumber, input.fullName, passwordHash, STAFF_CLIENT_ID, input.phone, input.email ?? null],
      );
      if (inserted.length === 0) {
        // Kept for the counter: repeated attempts on one number are worth a look.
        const [taken]: { id: string }[] = await manager.query('SELECT id FROM accounts WHERE username = $1 OR id_number = $1 LIMIT 1', [input.idNumber]);
        await this.audit.record(manager, { actor, action: 'citizen.registration-repeated', targetType: 'account', targetId: taken?.id ?? input.idNumber });
        return;
      }
      await this.audit.record(manager, { actor, action: 'account.created', targetType: 'account', targetId: id, after: { kind: 'citizen', verified: false } });
      await this.outbox.add(manager, accountCreatedV1, {
        accountId: id,
        username: input.idNumber,
        kind: 'citizen',
        unitCode: null,
        employment: null,
        actor,
      });
    });
    return REGISTRATION_RECEIVED;
  }
}
