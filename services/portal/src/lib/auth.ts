import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { BASE } from './router';

interface AuthConfig {
  issuer: string;
  clientId: string;
}

export const CALLBACK_PATH = '/dang-nhap/xong';
let manager: Promise<UserManager> | undefined;

/** The issuer and client id come from the gateway, as for the staff console; the issuer's own page offers VNeID. */
export function userManager(): Promise<UserManager> {
  manager ??= fetch('/api/v1/auth/config')
    .then((response) => response.json() as Promise<AuthConfig>)
    .then(
      (config) =>
        new UserManager({
          authority: config.issuer,
          client_id: config.clientId,
          redirect_uri: `${window.location.origin}${BASE}${CALLBACK_PATH}`,
          post_logout_redirect_uri: `${window.location.origin}${BASE}/`,
          response_type: 'code',
          scope: 'profile',
          // Session storage: a phone lent or a shared PC forgets the sign-in when the tab closes.
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

/** Signs in at the issuer and comes back to `returnTo` (a path inside the portal). */
export async function signIn(returnTo: string): Promise<void> {
  await (await userManager()).signinRedirect({ state: returnTo });
}

export async function signOut(): Promise<void> {
  await (await userManager()).removeUser();
}

/** Finishes the authorization-code flow; answers where the citizen was going. */
export async function completeSignIn(): Promise<string> {
  const user = await (await userManager()).signinRedirectCallback();
  return typeof user.state === 'string' ? user.state : '/ho-so';
}

interface CitizenClaims {
  preferred_username?: string;
  name?: string;
  mc_verified_id_number?: string;
}

/** Read only to fill in the form and greet the citizen: the services check the token themselves. */
export function claimsOf(user: User): CitizenClaims {
  const base64 = user.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)))) as CitizenClaims;
}
