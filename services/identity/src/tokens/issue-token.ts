import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AppError, parseInput } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import { verifyPassword } from '../accounts/passwords';
import type { IdentityConfig } from '../identity.config';
import { SigningKeys } from './signing-keys';

export const tokenRequestSchema = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('password'),
    username: z.string().min(1, 'Nhập tên đăng nhập.').max(64),
    password: z.string().min(1, 'Nhập mật khẩu.').max(256),
    client_id: z.string().min(1, 'Thiếu client_id.').max(128),
  }),
  z.object({
    grant_type: z.literal('client_credentials'),
    client_id: z.string().min(1, 'Thiếu client_id.').max(128),
    client_secret: z.string().min(1, 'Thiếu client_secret.').max(256),
  }),
]);

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

interface AccountRow {
  id: string;
  username: string;
  full_name: string;
  kind: 'staff' | 'citizen' | 'client';
  password_hash: string;
  roles: unknown[];
  client_id: string;
}

const invalidCredentials = () =>
  new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.');

/**
 * Password and client-credentials grants for the default profile, where this
 * service is the OIDC issuer. In the compose and production profiles Keycloak
 * issues the tokens and this use case is not reachable.
 */
@Injectable()
export class IssueToken {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeys,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute(body: unknown): Promise<IssuedToken> {
    const request = parseInput(tokenRequestSchema, body);
    const account =
      request.grant_type === 'password'
        ? await this.authenticate(
            "kind IN ('staff', 'citizen') AND username = $1 AND client_id = $2",
            [request.username, request.client_id],
            request.password,
          )
        : await this.authenticate("kind = 'client' AND client_id = $1", [request.client_id], request.client_secret);

    const { kid, key } = await this.keys.activeKey();
    const ttl = this.config.TOKEN_TTL_SECONDS;
    const accessToken = await new SignJWT({
      // Keycloak names a client's service account this way; both issuers must agree.
      preferred_username: account.kind === 'client' ? `service-account-${account.client_id}` : account.username,
      name: account.full_name,
      mc_kind: account.kind,
      mc_roles: account.roles,
      azp: account.client_id,
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(this.config.OIDC_ISSUER)
      .setAudience(this.config.OIDC_AUDIENCE)
      .setSubject(account.id)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(key);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl };
  }

  private async authenticate(where: string, params: string[], secret: string): Promise<AccountRow> {
    const rows: AccountRow[] = await this.dataSource.query(
      `SELECT id, username, full_name, kind, password_hash, roles, client_id
       FROM accounts WHERE disabled_at IS NULL AND ${where} LIMIT 1`,
      params,
    );
    const account = rows[0];
    if (!account || !(await verifyPassword(secret, account.password_hash))) throw invalidCredentials();
    return account;
  }
}
