import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

interface AuthConfig {
  issuer: string;
  clientId: string;
}

let manager: Promise<UserManager> | undefined;

/** The issuer and client id come from the gateway, so one bundle works with the platform's issuer and with Keycloak. */
export function userManager(): Promise<UserManager> {
  manager ??= fetch('/api/v1/auth/config')
    .then((response) => response.json() as Promise<AuthConfig>)
    .then(
      (config) =>
        new UserManager({
          authority: config.issuer,
          client_id: config.clientId,
          redirect_uri: `${window.location.origin}/dang-nhap/xong`,
          post_logout_redirect_uri: `${window.location.origin}/`,
          response_type: 'code',
          // Not `openid`: the platform's issuer answers access tokens only, and everything the console shows comes from the API.
          scope: 'profile',
          // Session storage: a shared counter PC forgets the token when the tab closes.
          userStore: new WebStorageStateStore({ store: window.sessionStorage }),
          automaticSilentRenew: false,
        }),
    );
  return manager;
}

export async function currentUser(): Promise<User | null> {
  const user = await (await userManager()).getUser();
  return user && !user.expired ? user : null;
}

export interface Grant {
  role: string;
  unitCode: string;
}

interface AccessClaims {
  preferred_username?: string;
  mc_roles?: unknown;
}

function claimsOf(user: User): AccessClaims {
  const base64 = user.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)))) as AccessClaims;
}

export const usernameOf = (user: User): string => claimsOf(user).preferred_username ?? '';

/**
 * The role grants the access token carries (`mc_roles`), read only to choose
 * which screens to offer: every service checks the token itself.
 */
export function grantsOf(user: User): Grant[] {
  const payload = claimsOf(user);
  const roles = Array.isArray(payload.mc_roles) ? (payload.mc_roles as { role?: string; unit?: string }[]) : [];
  return roles.flatMap((grant) => (grant.role && grant.unit ? [{ role: grant.role, unitCode: grant.unit }] : []));
}
