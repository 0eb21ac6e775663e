import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { parseAuthorizationRequest } from './authorization-request';
import { hashRefreshToken } from './issue-token';
import { PasswordLogin } from './password-login';

const CODE_TTL_SECONDS = 60;

/**
 * The login step of the authorization code flow: checks the person's password
 * and returns where to send the browser, with a one-use code bound to the
 * client, the redirect URI and the PKCE challenge.
 */
@Injectable()
export class Authorize {
  constructor(
    private readonly dataSource: DataSource,
    private readonly login: PasswordLogin,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute(form: Record<string, unknown>): Promise<URL> {
    const request = parseAuthorizationRequest(form, this.config.OIDC_REDIRECT_URIS);
    const account = await this.login.person(String(form.username ?? '').trim().toLowerCase(), request.client_id, String(form.password ?? ''));
    const code = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO authorization_codes (code_hash, account_id, client_id, redirect_uri, code_challenge, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [hashRefreshToken(code), account.id, request.client_id, request.redirect_uri, request.code_challenge, CODE_TTL_SECONDS],
    );
    const target = new URL(request.redirect_uri);
    target.searchParams.set('code', code);
    if (request.state) target.searchParams.set('state', request.state);
    return target;
  }
}
