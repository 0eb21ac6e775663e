import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export const VNEID_CALLBACK_PATH = 'federation/vneid/callback';

const unreachable = () => new AppError('SERVICE_UNAVAILABLE', 'Chưa kết nối được VNeID. Vui lòng thử lại sau ít phút, hoặc đăng nhập bằng mật khẩu.');
const refused = () => new AppError('UNAUTHENTICATED', 'VNeID không xác nhận lần đăng nhập này. Vui lòng đăng nhập bằng VNeID lại từ đầu.');

/**
 * The platform as a relying party of VNeID: the authorization URL, and the
 * code exchanged for an ID token verified against VNeID's published keys
 * (issuer, audience, expiry, nonce). Endpoints come from the discovery
 * document, fetched once.
 */
@Injectable()
export class VneidClient {
  private discovery?: Promise<Discovery>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IdentityConfig) {}

  get idNumberClaim(): string {
    return this.config.VNEID_ID_NUMBER_CLAIM;
  }

  get callbackUrl(): string {
    return `${this.config.OIDC_ISSUER.replace(/\/$/, '')}/${VNEID_CALLBACK_PATH}`;
  }

  async authorizationUrl(state: string, nonce: string, codeChallenge: string): Promise<URL> {
    const { authorization_endpoint } = await this.endpoints();
    const url = new URL(authorization_endpoint);
    const params = {
      response_type: 'code',
      client_id: this.config.VNEID_CLIENT_ID,
      redirect_uri: this.callbackUrl,
      scope: 'openid profile',
      state,
      nonce,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  }

  /** The verified claims of the person VNeID signed in. */
  async redeem(code: string, codeVerifier: string, nonce: string): Promise<JWTPayload> {
    const discovery = await this.endpoints();
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.callbackUrl,
      client_id: this.config.VNEID_CLIENT_ID,
      code_verifier: codeVerifier,
      ...(this.config.VNEID_CLIENT_SECRET ? { client_secret: this.config.VNEID_CLIENT_SECRET } : {}),
    });
    const response = await fetch(discovery.token_endpoint, { method: 'POST', body, signal: AbortSignal.timeout(10_000) }).catch(() => {
      throw unreachable();
    });
    if (response.status >= 500) throw unreachable();
    const tokens = (await response.json().catch(() => ({}))) as { id_token?: unknown };
    if (!response.ok || typeof tokens.id_token !== 'string') throw refused();
    this.jwks ??= createRemoteJWKSet(new URL(discovery.jwks_uri));
    try {
      const { payload } = await jwtVerify(tokens.id_token, this.jwks, {
        issuer: discovery.issuer,
        audience: this.config.VNEID_CLIENT_ID,
        algorithms: ['RS256', 'ES256', 'PS256'],
      });
      if (payload.nonce !== nonce) throw refused();
      return payload;
    } catch {
      throw refused();
    }
  }

  private endpoints(): Promise<Discovery> {
    const issuer = this.config.VNEID_ISSUER;
    if (!issuer) throw new AppError('NOT_FOUND', 'Đăng nhập bằng VNeID chưa được bật trên hệ thống này.');
    this.discovery ??= fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) })
      .then(async (response) => {
        if (!response.ok) throw unreachable();
        const document = (await response.json()) as Discovery;
        // The issuer is the one configured, not whatever the document claims (OpenID Connect Discovery §4.3).
        if (document.issuer.replace(/\/$/, '') !== issuer.replace(/\/$/, '')) throw unreachable();
        return document;
      })
      .catch((error) => {
        this.discovery = undefined;
        throw error instanceof AppError ? error : unreachable();
      });
    return this.discovery;
  }
}
