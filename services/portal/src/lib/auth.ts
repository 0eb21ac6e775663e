import { accessClaims, createOidcSession } from '@mc/web-api';
import type { User } from 'oidc-client-ts';
import { BASE } from './router';

export const CALLBACK_PATH = '/dang-nhap/xong';

/** The issuer's own page offers VNeID; the token is renewed before it expires (libs/web-api). */
const session = createOidcSession({
  origin: window.location.origin,
  callbackPath: `${BASE}${CALLBACK_PATH}`,
  signedOutPath: `${BASE}/`,
  storage: window.sessionStorage,
});

export const { currentUser, signIn, signOut } = session;

/** Finishes the authorization-code flow; answers where the citizen was going. */
export const completeSignIn = async (): Promise<string> => (await session.completeSignIn()) ?? '/ho-so';

interface CitizenClaims {
  preferred_username?: string;
  name?: string;
  mc_verified_id_number?: string;
}

/** Read only to fill in the form and greet the citizen: the services check the token themselves. */
export const claimsOf = (user: User): CitizenClaims => accessClaims<CitizenClaims>(user);
