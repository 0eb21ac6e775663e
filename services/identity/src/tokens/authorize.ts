import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, parseInput, signInFormSchema } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { parseAuthorizationRequest } from './authorization-request';
import { issueAuthorizationCode } from './authorization-codes';
import { PasswordLogin } from './password-login';
import { sameCsrfToken } from './sign-in-csrf';

/**
 * The login step of the authorization code flow: checks that the form is the
 * one this issuer gave the browser (its CSRF token matches the cookie's), then
 * the person's password, and returns where to send the browser, with a
 * one-use code bound to the client, the redirect URI and the PKCE challenge.
 */
@Injectable()
export class Authorize {
  constructor(
    private readonly dataSource: DataSource,
    private readonly login: PasswordLogin,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute(body: unknown, browser: { address: string; csrfCookie: string | undefined }): Promise<URL> {
    const form = parseInput(signInFormSchema, body);
    const request = parseAuthorizationRequest(form, this.config.OIDC_REDIRECT_URIS);
    if (!sameCsrfToken(browser.csrfCookie, form.csrf_token)) {
      throw new AppError('FORBIDDEN', 'Trang đăng nhập đã hết hạn hoặc không do hệ thống cấp. Vui lòng mở lại trang đăng nhập và đăng nhập lại.');
    }
    const account = await this.login.person(form.username, request.client_id, form.password, { address: browser.address, via: 'form' });
    return issueAuthorizationCode(this.dataSource.manager, account.id, request);
  }
}
