import { ErrorResponse, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

/** What `/api/v1/auth/config` answers: one bundle works with the platform's issuer and with Keycloak. */
interface AuthConfig {
  issuer: string;
  clientId: string;
}

export interface OidcSessionOptions {
  /** The page's origin, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  /** Where the issuer sends the browser back with the code, from the origin (`/dang-nhap/xong`, `/cong-dan/dang-nhap/xong`). */
  callbackPath: string;
  /** Where the browser lands after signing out, from the origin. */
  signedOutPath: string;
  /** Session storage: a shared counter PC or a lent phone forgets the sign-in when the tab closes. */
  storage: Storage;
}

/**
 * Renewal starts this long before the access token expires (the issuers give
 * 300 s): time for a refresh over a slow-3G connection (2 s per round trip)
 * before any request could carry an expired token.
 */
export const RENEW_BEFORE_EXPIRY_SECONDS = 60;

export interface OidcSession {
  userManager(): Promise<UserManager>;
  /** The signed-in user with a token good for at least a while, renewed first when it is about to expire; null when signed out. */
  currentUser(): Promise<User | null>;
  signIn(returnTo: string): Promise<void>;
  /** Finishes the authorization-code flow; answers the `returnTo` given to signIn. */
  completeSignIn(): Promise<string | undefined>;
  signOut(): Promise<void>;
}

/**
 * The OIDC set-up both web apps share: authorization code with PKCE, the
 * user in session storage, and the access token renewed with the rotating
 * refresh token before it expires — both when the expiry timer fires and when
 * a request finds the token close to its end (a phone's tab asleep misses the
 * timer). One renewal at a time: the issuer rotates refresh tokens, and
 * presenting a spent one revokes the whole sign-in.
 */
export function createOidcSession({ origin, callbackPath, signedOutPath, storage }: OidcSessionOptions): OidcSession {
  let manager: Promise<UserManager> | undefined;
  let renewal: Promise<User | null> | undefined;

  const userManager = (): Promise<UserManager> => {
    manager ??= fetch('/api/v1/auth/config')
      .then((response) => response.json() as Promise<AuthConfig>)
      .then((config) => {
        const created = new UserManager({
          authority: config.issuer,
          client_id: config.clientId,
          redirect_uri: `${origin}${callbackPath}`,
          post_logout_redirect_uri: `${origin}${signedOutPath}`,
          response_type: 'code',
          // Not `openid`: the platform's issuer answers access tokens only, and what the apps show comes from the API.
          scope: 'profile',
          userStore: new WebStorageStateStore({ store: storage }),
          // Renewed here, through the one renewal in flight, never by the library's own timer next to ours.
          automaticSilentRenew: false,
          accessTokenExpiringNotificationTimeInSeconds: RENEW_BEFORE_EXPIRY_SECONDS,
        });
        created.events.addAccessTokenExpiring(() => void renew(created));
        return created;
      });
    return manager;
  };

  /**
   * A refresh the issuer refuses (hours idle, revoked, account disabled) signs
   * the user out; a failed connection keeps the sign-in for the next try, and
   * the token meanwhile only while it is still good.
   */
  const renew = (userManagerReady: UserManager): Promise<User | null> => {
    renewal ??= userManagerReady
      .signinSilent()
      .catch(async (failure: unknown) => {
        if (failure instanceof ErrorResponse && failure.error === 'invalid_grant') {
          await userManagerReady.removeUser();
          return null;
        }
        const user = await userManagerReady.getUser();
        return user && !user.expired ? user : null;
      })
      .finally(() => {
        renewal = undefined;
      });
    return renewal;
  };

  const currentUser = async (): Promise<User | null> => {
    const ready = await userManager();
    const user = await ready.getUser();
    if (!user) return null;
    const secondsLeft = user.expires_in ?? 0;
    if (secondsLeft > RENEW_BEFORE_EXPIRY_SECONDS) return user;
    if (!user.refresh_token) return user.expired ? null : user;
    return renew(ready);
  };

  return {
    userManager,
    currentUser,
    async signIn(returnTo) {
      await (await userManager()).signinRedirect({ state: returnTo });
    },
    async completeSignIn() {
      const user = await (await userManager()).signinRedirectCallback();
      return typeof user.state === 'string' ? user.state : undefined;
    },
    async signOut() {
      await (await userManager()).removeUser();
    },
  };
}

/** The access token's claims, read only to choose what to show: every service checks the token itself. */
export function accessClaims<Claims>(user: User): Claims {
  const base64 = user.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)))) as Claims;
}
