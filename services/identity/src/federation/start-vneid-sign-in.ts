import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { parseAuthorizationRequest } from '../tokens/authorization-request';
import { hashRefreshToken } from '../tokens/issue-token';
import { VneidClient } from './vneid-client';

const PENDING_TTL_SECONDS = 600;

/**
 * The first leg of a sign-in through VNeID: the platform's own authorization
 * request (client, redirect URI, PKCE challenge) is checked and kept with a
 * fresh state, nonce and PKCE verifier for VNeID, and the browser is sent to
 * VNeID. Only the state's hash is stored, as for codes and refresh tokens.
 */
@Injectable()
export class StartVneidSignIn {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vneid: VneidClient,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute(query: Record<string, unknown>): Promise<URL> {
    const request = parseAuthorizationRequest(query, this.config.OIDC_REDIRECT_URIS);
    const state = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    const target = await this.vneid.authorizationUrl(state, nonce, createHash('sha256').update(verifier).digest('base64url'));
    await this.dataSource.query(
      `INSERT INTO federated_logins (state_hash, provider, nonce, code_verifier, authorization_request, expires_at)
       VALUES ($1, 'vneid', $2, $3, $4, now() + make_interval(secs => $5))`,
      [hashRefreshToken(state), nonce, verifier, JSON.stringify(request), PENDING_TTL_SECONDS],
    );
    return target;
  }
}
