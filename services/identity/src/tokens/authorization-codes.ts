import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuthorizationRequest } from './authorization-request';
import { hashRefreshToken } from './issue-token';

const CODE_TTL_SECONDS = 60;

/**
 * Where to send the browser once the person is known (by password or through
 * VNeID): the client's redirect URI with a one-use code bound to the client,
 * the redirect URI and the PKCE challenge.
 */
export async function issueAuthorizationCode(manager: EntityManager, accountId: string, request: AuthorizationRequest): Promise<URL> {
  const code = randomBytes(32).toString('base64url');
  await manager.query(
    `INSERT INTO authorization_codes (code_hash, account_id, client_id, redirect_uri, code_challenge, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
    [hashRefreshToken(code), accountId, request.client_id, request.redirect_uri, request.code_challenge, CODE_TTL_SECONDS],
  );
  const target = new URL(request.redirect_uri);
  target.searchParams.set('code', code);
  if (request.state) target.searchParams.set('state', request.state);
  return target;
}
