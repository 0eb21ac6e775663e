import { AppError, authorizationRequestSchema, parseInput, type AuthorizationRequest } from '@mc/contracts';

export type { AuthorizationRequest };

/** Redirect URIs are matched by prefix against the configured list, never taken on trust. */
export function parseAuthorizationRequest(input: unknown, allowedRedirectPrefixes: string[]): AuthorizationRequest {
  const request = parseInput(authorizationRequestSchema, input);
  if (!allowedRedirectPrefixes.some((prefix) => request.redirect_uri.startsWith(prefix))) {
    throw new AppError('VALIDATION_FAILED', 'Địa chỉ chuyển hướng (redirect_uri) không được đăng ký cho ứng dụng này.');
  }
  return request;
}
