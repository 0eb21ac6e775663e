import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '@mc/contracts';
import { verifyPassword } from '../accounts/passwords';

export interface LoginAccount {
  id: string;
  username: string;
  full_name: string;
  kind: 'staff' | 'citizen' | 'client';
  client_id: string;
}

export const invalidCredentials = () =>
  new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.');

/** Checks a secret against an enabled account: a person's password or a machine client's secret. */
@Injectable()
export class PasswordLogin {
  constructor(private readonly dataSource: DataSource) {}

  person(username: string, clientId: string, password: string): Promise<LoginAccount> {
    return this.check("kind IN ('staff', 'citizen') AND username = $1 AND client_id = $2", [username, clientId], password);
  }

  client(clientId: string, secret: string): Promise<LoginAccount> {
    return this.check("kind = 'client' AND client_id = $1", [clientId], secret);
  }

  private async check(where: string, params: string[], secret: string): Promise<LoginAccount> {
    const rows: (LoginAccount & { password_hash: string })[] = await this.dataSource.query(
      `SELECT id, username, full_name, kind, client_id, password_hash
       FROM accounts WHERE disabled_at IS NULL AND ${where} LIMIT 1`,
      params,
    );
    const account = rows[0];
    if (!account || !(await verifyPassword(secret, account.password_hash))) throw invalidCredentials();
    return account;
  }
}
