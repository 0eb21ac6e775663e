import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, httpStatusFor } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { parseAuthorizationRequest } from './authorization-request';
import { Authorize } from './authorize';
import { IssueToken } from './issue-token';
import { renderLoginPage } from './login-page';
import { RevokeToken } from './revoke-token';
import { SigningKeys } from './signing-keys';

/** The OpenID Connect endpoints of the default profile's issuer. Errors follow RFC 6749 §5.2. */
@Controller()
export class IssuerController {
  constructor(
    private readonly issueToken: IssueToken,
    private readonly authorize: Authorize,
    private readonly revokeToken: RevokeToken,
    private readonly keys: SigningKeys,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Get('.well-known/openid-configuration')
  discovery() {
    const issuer = this.config.OIDC_ISSUER.replace(/\/$/, '');
    return {
      issuer,
      jwks_uri: `${issuer}/jwks`,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      revocation_endpoint: `${issuer}/revoke`,
      grant_types_supported: ['authorization_code', 'refresh_token', 'password', 'client_credentials'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      claims_supported: ['sub', 'preferred_username', 'name', 'mc_kind', 'mc_roles', 'azp', 'mc_verified_id_number'],
    };
  }

  @Get('jwks')
  async jwks() {
    return { keys: await this.keys.publicKeys() };
  }

  @Get('authorize')
  loginPage(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    try {
      const request = parseAuthorizationRequest(query, this.config.OIDC_REDIRECT_URIS);
      return this.html(reply, 200, renderLoginPage(request));
    } catch (error) {
      // A bad client or redirect URI is never redirected to: say so on the page.
      if (!(error instanceof AppError)) throw error;
      return this.html(reply, 400, `<!doctype html><html lang="vi"><meta charset="utf-8"><p>${error.message}</p></html>`);
    }
  }

  @Post('authorize')
  async login(@Body() form: Record<string, unknown>, @Res() reply: FastifyReply) {
    try {
      const target = await this.authorize.execute(form);
      return reply.redirect(target.toString(), 302);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code !== 'UNAUTHENTICATED') {
        return this.html(reply, 400, `<!doctype html><html lang="vi"><meta charset="utf-8"><p>${error.message}</p></html>`);
      }
      const request = parseAuthorizationRequest(form, this.config.OIDC_REDIRECT_URIS);
      return this.html(reply, 401, renderLoginPage(request, error.message));
    }
  }

  @Post('token')
  @HttpCode(200)
  async token(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('cache-control', 'no-store');
    try {
      return await this.issueToken.execute(body);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const oauthError = error.code === 'VALIDATION_FAILED' ? 'invalid_request' : 'invalid_grant';
      reply.status(httpStatusFor(error.code) === 401 ? 400 : httpStatusFor(error.code));
      return { error: oauthError, error_description: error.message, code: error.code, details: error.details };
    }
  }

  /** RFC 7009: 200 whether or not the token was known. */
  @Post('revoke')
  @HttpCode(200)
  async revoke(@Body() body: { token?: unknown; client_id?: unknown }) {
    if (typeof body?.token === 'string' && typeof body?.client_id === 'string') {
      await this.revokeToken.execute(body.token, body.client_id);
    }
    return {};
  }

  private html(reply: FastifyReply, status: number, page: string) {
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-frame-options', 'DENY')
      .send(page);
  }
}
