import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { parseAuthorizationRequest } from './authorization-request';
import { issueAuthorizationCode } from './authorization-codes';
import { PasswordLogin } from './password-login';

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
    return issueAuthorizationCode(this.dataSource.manager, account.id, request);
  }
}
