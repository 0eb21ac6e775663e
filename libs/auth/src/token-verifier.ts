import { AppError } from '@mc/contracts';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Principal, type RoleGrant } from './principal';

export interface TokenVerifierOptions {
  /** The only thing a service knows about the issuer: its URL (identity service or Keycloak realm). */
  issuer: string;
  audience: string;
  /** Defaults to `${issuer}/.well-known/openid-configuration`. */
  discoveryUrl?: string;
  /** True for an account disabled since its token was issued. */
  isRevoked?: (subject: string) => boolean;
  /** Least time between two JWKS fetches for unknown key ids (jose's default is 30 s). */
  jwksCooldownMs?: number;
  /** Verified tokens remembered until they expire: a clerk's token arrives with every request. 0 turns it off. */
  cacheSize?: number;
}

const reject = () =>
  new AppError('UNAUTHENTICATED', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.');

/**
 * Verifies bearer tokens locally against the issuer's JWKS. Keys are fetched once
 * and cached by jose; an unknown `kid` (key rotation) triggers one refetch.
 */
export class TokenVerifier {
  private jwks?: ReturnType<typeof createRemoteJWKSet>;
  private discovery?: Promise<URL>;
  /** Insertion-ordered, so the oldest entry is evicted first. */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(private readonly options: TokenVerifierOptions) {}

  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    const principal = cached && cached.expiresAtMs > Date.now() ? cached.principal : await this.verifySignature(token);
    if (this.options.isRevoked?.(principal.subject)) {
      throw new AppError('UNAUTHENTICATED', 'Tài khoản này đã bị khóa. Liên hệ quản trị viên đơn vị.');
    }
    return principal;
  }

  private async verifySignature(token: string): Promise<Principal> {
    const jwks = await this.keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ['RS256', 'ES256', 'PS256'],
      }));
    } catch {
      throw reject();
    }
    const principal = toPrincipal(payload);
    const capacity = this.options.cacheSize ?? 10_000;
    if (capacity > 0 && payload.exp) {
      const oldest = this.verified.keys().next();
      if (this.verified.size >= capacity && !oldest.done) this.verified.delete(oldest.value);
      this.verified.set(token, { principal, expiresAtMs: payload.exp * 1000 });
    }
    return principal;
  }

  private async keySet() {
    if (this.jwks) return this.jwks;
    this.discovery ??= discoverJwksUri(this.options.discoveryUrl ?? `${this.options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).catch((error) => {
      this.discovery = undefined;
      throw error;
    });
    const uri = await this.discovery;
    this.jwks ??= createRemoteJWKSet(uri, { cooldownDuration: this.options.jwksCooldownMs ?? 30_000, cacheMaxAge: 10 * 60_000 });
    return this.jwks;
  }
}

async function discoverJwksUri(discoveryUrl: string): Promise<URL> {
  const response = await fetch(discoveryUrl).catch(() => null);
  if (!response?.ok) {
    throw new AppError('SERVICE_UNAVAILABLE', 'Chưa kết nối được máy chủ xác thực. Vui lòng thử lại sau ít phút.');
  }
  const document = (await response.json()) as { jwks_uri?: string };
  if (!document.jwks_uri) throw new AppError('SERVICE_UNAVAILABLE', 'Máy chủ xác thực không công bố khóa công khai.');
  return new URL(document.jwks_uri);
}

/**
 * Claims: `mc_kind`, `mc_roles` ([{role, unit, path}]), `mc_account_id`,
 * `preferred_username`, `azp`, and `mc_verified_id_number` only on a citizen
 * whose ID number was proven; Keycloak's mappers emit the same. The subject is
 * the platform's account id: Keycloak gives its users ids of its own, so its
 * tokens carry ours in `mc_account_id` (revocation and ownership key on it).
 */
export function toPrincipal(payload: JWTPayload): Principal {
  const kind = payload.mc_kind;
  const roles = Array.isArray(payload.mc_roles) ? (payload.mc_roles as unknown[]) : [];
  const grants: RoleGrant[] = roles.filter(
    (grant): grant is RoleGrant =>
      typeof grant === 'object' &&
      grant !== null &&
      ROLES.includes((grant as RoleGrant).role) &&
      typeof (grant as RoleGrant).unit === 'string' &&
      typeof (grant as RoleGrant).path === 'string',
  );
  const subject = typeof payload.mc_account_id === 'string' ? payload.mc_account_id : payload.sub;
  if (!subject || (kind !== 'staff' && kind !== 'citizen' && kind !== 'client')) throw reject();
  const verified = payload.mc_verified_id_number;
  return {
    subject,
    username: typeof payload.preferred_username === 'string' ? payload.preferred_username : subject,
    kind,
    roles: grants,
    clientId: typeof payload.azp === 'string' ? payload.azp : '',
    ...(kind === 'citizen' && typeof verified === 'string' && /^\d{12}$/.test(verified) ? { verifiedIdNumber: verified } : {}),
  };
}
