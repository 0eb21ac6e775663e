import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, httpStatusFor, type ErrorCode } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { parseAuthorizationRequest, type AuthorizationRequest } from './authorization-request';
import { Authorize } from './authorize';
import { IssueToken } from './issue-token';
import { renderLoginPage, renderMessagePage } from './login-page';
import { RevokeToken } from './revoke-token';
import { csrfCookie, csrfCookieToken, signInFormToken } from './sign-in-csrf';
import { SigningKeys } from './signing-keys';

/** RFC 6749 §5.2; `slow_down` (RFC 8628) for a sign-in that must wait. */
const OAUTH_ERRORS: Partial<Record<ErrorCode, string>> = { VALIDATION_FAILED: 'invalid_request', RATE_LIMITED: 'slow_down' };
/** Refusals of a well-formed sign-in form, answered with the form again. */
const SIGN_IN_REFUSALS = new Set<ErrorCode>(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED']);

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
  loginPage(@Query() query: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      const authorization = parseAuthorizationRequest(query, this.config.OIDC_REDIRECT_URIS);
      return this.signInPage(reply, 200, authorization, request.headers.cookie);
    } catch (error) {
      // A bad client or redirect URI is never redirected to: say so on the page.
      if (!(error instanceof AppError)) throw error;
      return this.html(reply, 400, renderMessagePage(error.message));
    }
  }

  @Post('authorize')
  async login(@Body() form: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      const target = await this.authorize.execute(form, { address: request.ip, csrfCookie: csrfCookieToken(request.headers.cookie) });
      return reply.redirect(target.toString(), 302);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (!SIGN_IN_REFUSALS.has(error.code)) return this.html(reply, 400, renderMessagePage(error.message));
      // A refused sign-in gets the form again, for the same authorization request.
      const authorization = parseAuthorizationRequest(form, this.config.OIDC_REDIRECT_URIS);
      this.retryAfter(reply, error);
      return this.signInPage(reply, httpStatusFor(error.code), authorization, request.headers.cookie, error.message);
    }
  }

  @Post('token')
  @HttpCode(200)
  async token(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('cache-control', 'no-store');
    try {
      return await this.issueToken.execute(body, { address: request.ip });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return this.oauthError(reply, error);
    }
  }

  /** RFC 7009: 200 whether or not the token was known. */
  @Post('revoke')
  @HttpCode(200)
  async revoke(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    try {
      await this.revokeToken.execute(body);
      return {};
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return this.oauthError(reply, error);
    }
  }

  private oauthError(reply: FastifyReply, error: AppError) {
    this.retryAfter(reply, error);
    reply.status(httpStatusFor(error.code) === 401 ? 400 : httpStatusFor(error.code));
    return { error: OAUTH_ERRORS[error.code] ?? 'invalid_grant', error_description: error.message, code: error.code, details: error.details };
  }

  private retryAfter(reply: FastifyReply, error: AppError) {
    const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (error.code === 'RATE_LIMITED' && seconds) reply.header('retry-after', String(seconds));
  }

  private signInPage(reply: FastifyReply, status: number, authorization: AuthorizationRequest, cookieHeader: string | undefined, error?: string) {
    const csrfToken = signInFormToken(cookieHeader);
    reply.header('set-cookie', csrfCookie(csrfToken, this.config.OIDC_ISSUER.startsWith('https:')));
    return this.html(reply, status, renderLoginPage({ ...authorization, csrf_token: csrfToken }, error));
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
