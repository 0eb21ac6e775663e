import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The sign-in form's CSRF defence, double-submit: the same random token in an
 * HttpOnly, SameSite=Strict cookie and in a hidden field of the form. Another
 * site can make a browser post the form but can neither read nor set the cookie.
 */
const COOKIE = 'mc_sign_in';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const LIFETIME_SECONDS = 30 * 60;

/** The token of the browser's cookie when it holds a well-formed one, so several open tabs share it; else a new one. */
export function signInFormToken(cookieHeader: string | undefined): string {
  return csrfCookieToken(cookieHeader) ?? randomBytes(32).toString('base64url');
}

export function csrfCookieToken(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === COOKIE && value && TOKEN.test(value)) return value;
  }
  return undefined;
}

export function csrfCookie(token: string, secure: boolean): string {
  return `${COOKIE}=${token}; Path=/; Max-Age=${LIFETIME_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Compared in constant time: the form's token is a secret the page carried. */
export function sameCsrfToken(fromCookie: string | undefined, fromForm: string): boolean {
  if (!fromCookie || !fromForm) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(fromCookie), digest(fromForm));
}
