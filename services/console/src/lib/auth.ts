import { accessClaims, createOidcSession } from '@mc/web-api';
import type { User } from 'oidc-client-ts';

/** The console's sign-in; the token is renewed before it expires (libs/web-api). */
const session = createOidcSession({
  origin: window.location.origin,
  callbackPath: '/dang-nhap/xong',
  signedOutPath: '/',
  storage: window.sessionStorage,
});

export const { userManager, currentUser } = session;

export interface Grant {
  role: string;
  unitCode: string;
}

interface AccessClaims {
  preferred_username?: string;
  mc_roles?: unknown;
}

export const usernameOf = (user: User): string => accessClaims<AccessClaims>(user).preferred_username ?? '';

/**
 * The role grants the access token carries (`mc_roles`), read only to choose
 * which screens to offer: every service checks the token itself.
 */
export function grantsOf(user: User): Grant[] {
  const payload = accessClaims<AccessClaims>(user);
  const roles = Array.isArray(payload.mc_roles) ? (payload.mc_roles as { role?: string; unit?: string }[]) : [];
  return roles.flatMap((grant) => (grant.role && grant.unit ? [{ role: grant.role, unitCode: grant.unit }] : []));
}
