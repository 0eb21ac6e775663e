import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, parseInput, tokenRequestSchema } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { PasswordLogin, type LoginAccount, type SignInOrigin } from './password-login';
import { SigningKeys } from './signing-keys';

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
}

type AccountRow = LoginAccount;

const invalidRefresh = () => new AppError('UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn hoặc đã bị thu hồi. Vui lòng đăng nhập lại.');

export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Password, authorization-code (PKCE), client-credentials and refresh-token
 * grants of the default
 * profile's issuer (Keycloak issues tokens in the compose and production
 * profiles). Roles in the token come from the account's active grants, with
 * each unit's path so that every service can check subtrees on its own.
 * Refresh tokens rotate: each use retires the old one, and presenting a
 * retired one revokes every refresh token of the account (it was stolen) —
 * except once within `REFRESH_TOKEN_REUSE_WINDOW_SECONDS` of its rotation,
 * while its sign-in lives: a page reloaded during a renewal lost the answer
 * with the successor, and two tabs sharing a token renew it together. That
 * once gets a fresh pair of the same family; the successor stays valid (the
 * other tab may hold it). A second reuse, even within the window, is a thief
 * racing the owner and revokes everything, the extra pair included.
 */
@Injectable()
export class IssueToken {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeys,
    private readonly login: PasswordLogin,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute(body: unknown, client: { address: string }): Promise<IssuedToken> {
    const request = parseInput(tokenRequestSchema, body);
    const origin: SignInOrigin = { address: client.address, via: 'token' };
    switch (request.grant_type) {
      case 'password': {
        const account = await this.login.person(request.username, request.client_id, request.password, origin);
        return { ...(await this.accessToken(account)), refresh_token: await this.newRefreshToken(account) };
      }
      case 'client_credentials':
        return this.accessToken(await this.login.client(request.client_id, request.client_secret, origin));
      case 'authorization_code': {
        const account = await this.redeemCode(request.code, request.client_id, request.redirect_uri, request.code_verifier);
        return { ...(await this.accessToken(account)), refresh_token: await this.newRefreshToken(account) };
      }
      case 'refresh_token': {
        const { account, refreshToken } = await this.useRefreshToken(request.refresh_token, request.client_id);
        return { ...(await this.accessToken(account)), refresh_token: refreshToken };
      }
    }
  }

  private async accessToken(account: AccountRow): Promise<IssuedToken> {
    const roles: { role: string; unit: string; path: string }[] =
      account.kind === 'citizen'
        ? [{ role: 'citizen', unit: '', path: '' }]
        : await this.dataSource.query(
            `SELECT g.role, u.code AS unit, u.path FROM role_grants g JOIN units u ON u.id = g.unit_id
             WHERE g.account_id = $1 AND g.revoked_at IS NULL AND (u.valid_to IS NULL OR u.valid_to >= current_date)
             ORDER BY g.granted_at`,
            [account.id],
          );
    // Read at every issue, so a proof made since the last token shows in the next one (a refresh is enough).
    const [verified]: { id_number: string }[] =
      account.kind === 'citizen'
        ? await this.dataSource.query('SELECT id_number FROM accounts WHERE id = $1 AND verified_at IS NOT NULL', [account.id])
        : [];
    const { kid, key } = await this.keys.activeKey();
    const ttl = this.config.TOKEN_TTL_SECONDS;
    const accessToken = await new SignJWT({
      // Keycloak names a client's service account this way; both issuers must agree.
      preferred_username: account.kind === 'client' ? `service-account-${account.client_id}` : account.username,
      name: account.full_name,
      mc_kind: account.kind,
      mc_roles: roles,
      mc_account_id: account.id,
      azp: account.client_id,
      ...(verified ? { mc_verified_id_number: verified.id_number } : {}),
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

  /** A code is good once, for its client and redirect URI, and only with the verifier of its PKCE challenge. */
  private async redeemCode(code: string, clientId: string, redirectUri: string, verifier: string): Promise<AccountRow> {
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const rows: AccountRow[] = await this.dataSource.query(
      `WITH redeemed AS (
         UPDATE authorization_codes SET used_at = now()
         WHERE code_hash = $1 AND client_id = $2 AND redirect_uri = $3 AND code_challenge = $4
           AND used_at IS NULL AND expires_at > now()
         RETURNING account_id)
       SELECT a.id, a.username, a.full_name, a.kind, a.client_id
       FROM redeemed JOIN accounts a ON a.id = redeemed.account_id WHERE a.disabled_at IS NULL`,
      [hashRefreshToken(code), clientId, redirectUri, challenge],
    );
    if (!rows[0]) throw new AppError('UNAUTHENTICATED', 'Mã cấp quyền không hợp lệ, đã dùng hoặc đã hết hạn. Vui lòng đăng nhập lại.');
    return rows[0];
  }

  /** Starts a family (a sign-in) unless given the family the token continues. */
  private async newRefreshToken(account: AccountRow, familyId?: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await manager.query(
      `INSERT INTO refresh_tokens (id, token_hash, account_id, client_id, family_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [id, hashRefreshToken(token), account.id, account.client_id, familyId ?? id, this.config.REFRESH_TOKEN_TTL_SECONDS],
    );
    return token;
  }

  /**
   * Rotates the token and stores its successor in the same transaction: a tab renewing the same token a moment
   * later must find the family alive, not between the two.
   */
  private async useRefreshToken(token: string, clientId: string): Promise<{ account: AccountRow; refreshToken: string }> {
    // The transaction commits before any refusal is thrown, so the revocation of a stolen token's family sticks.
    const used = await this.dataSource.transaction(async (manager) => {
      const rows: (AccountRow & { token_id: string; family_id: string; revoked: boolean; expired: boolean; disabled: boolean; in_window: boolean })[] =
        await manager.query(
          `SELECT t.id AS token_id, t.family_id, t.revoked_at IS NOT NULL AS revoked, t.expires_at < now() AS expired,
                  a.disabled_at IS NOT NULL AS disabled,
                  t.rotated_at > now() - make_interval(secs => $3) AND t.reused_at IS NULL AS in_window,
                  a.id, a.username, a.full_name, a.kind, a.password_hash, a.client_id
           FROM refresh_tokens t JOIN accounts a ON a.id = t.account_id
           WHERE t.token_hash = $1 AND t.client_id = $2 FOR UPDATE OF t`,
          [hashRefreshToken(token), clientId, this.config.REFRESH_TOKEN_REUSE_WINDOW_SECONDS],
        );
      const row = rows[0];
      if (!row || row.expired || row.disabled) return null;
      if (!row.revoked) {
        await manager.query('UPDATE refresh_tokens SET revoked_at = now(), rotated_at = now() WHERE id = $1', [row.token_id]);
      } else if (row.in_window && (await this.familyLives(manager, row.family_id))) {
        await manager.query('UPDATE refresh_tokens SET reused_at = now() WHERE id = $1', [row.token_id]);
      } else {
        await manager.query('UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [row.id]);
        return null;
      }
      return { account: row, refreshToken: await this.newRefreshToken(row, row.family_id, manager) };
    });
    if (!used) throw invalidRefresh();
    return used;
  }

  /**
   * Whether the sign-in still has a live token (not signed out, not revoked). A statement of its own, run after the
   * lock on the presented token: it sees the successor a tab renewing the same token a moment earlier committed.
   */
  private async familyLives(manager: EntityManager, familyId: string): Promise<boolean> {
    const [{ lives }]: { lives: boolean }[] = await manager.query(
      'SELECT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > now()) AS lives',
      [familyId],
    );
    return lives;
  }
}
