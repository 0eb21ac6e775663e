import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '@mc/contracts';
import { hashPassword, verifyPassword } from '../accounts/passwords';
import { SignInThrottle, type SignInAttempt } from './sign-in-throttle';

export interface LoginAccount {
  id: string;
  username: string;
  full_name: string;
  kind: 'staff' | 'citizen' | 'client';
  client_id: string;
}

/** Where a sign-in comes from: the client's address and the issuer's door it came through. */
export type SignInOrigin = Pick<SignInAttempt, 'address' | 'via'>;

export const invalidCredentials = () =>
  new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.');

/**
 * Checks a secret against an enabled account: a person's password or a machine
 * client's secret, behind the sign-in throttle. An unknown or disabled account
 * costs the same hashing as a wrong password, so the time of the answer does
 * not tell which usernames exist.
 */
@Injectable()
export class PasswordLogin {
  private readonly standInHash = hashPassword(randomUUID());

  constructor(
    private readonly dataSource: DataSource,
    private readonly throttle: SignInThrottle,
  ) {}

  person(username: string, clientId: string, password: string, origin: SignInOrigin): Promise<LoginAccount> {
    return this.check(
      "kind IN ('staff', 'citizen') AND username = $1 AND client_id = $2",
      [username, clientId],
      password,
      { ...origin, subject: username, kind: 'person', clientId },
    );
  }

  client(clientId: string, secret: string, origin: SignInOrigin): Promise<LoginAccount> {
    return this.check("kind = 'client' AND client_id = $1", [clientId], secret, { ...origin, subject: clientId, kind: 'client', clientId });
  }

  private async check(where: string, params: string[], secret: string, attempt: SignInAttempt): Promise<LoginAccount> {
    await this.throttle.assertMayTry(attempt);
    const rows: (LoginAccount & { password_hash: string })[] = await this.dataSource.query(
      `SELECT id, username, full_name, kind, client_id, password_hash
       FROM accounts WHERE disabled_at IS NULL AND ${where} LIMIT 1`,
      params,
    );
    const account = rows[0];
    const matches = await verifyPassword(secret, account?.password_hash ?? (await this.standInHash));
    if (!account || !matches) {
      await this.throttle.failed(attempt);
      throw invalidCredentials();
    }
    await this.throttle.succeeded(attempt);
    return account;
  }
}
