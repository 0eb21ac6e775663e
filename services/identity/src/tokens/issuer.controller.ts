import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, httpStatusFor } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { IssueToken } from './issue-token';
import { SigningKeys } from './signing-keys';

/** The OpenID Connect endpoints of the default profile's issuer. Errors follow RFC 6749 §5.2. */
@Controller()
export class IssuerController {
  constructor(
    private readonly issueToken: IssueToken,
    private readonly keys: SigningKeys,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Get('.well-known/openid-configuration')
  discovery() {
    const issuer = this.config.OIDC_ISSUER.replace(/\/$/, '');
    return {
      issuer,
      jwks_uri: `${issuer}/jwks`,
      token_endpoint: `${issuer}/token`,
      grant_types_supported: ['password', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      claims_supported: ['sub', 'preferred_username', 'name', 'mc_kind', 'mc_roles', 'azp'],
    };
  }

  @Get('jwks')
  async jwks() {
    return { keys: await this.keys.publicKeys() };
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
}
