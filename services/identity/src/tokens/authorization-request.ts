import { z } from 'zod';
import { AppError, parseInput } from '@mc/contracts';

/** What an authorization request must carry: the code flow for public clients, PKCE with S256 only. */
export const authorizationRequestSchema = z.object({
  response_type: z.literal('code', 'Chỉ hỗ trợ response_type=code.'),
  client_id: z.string().min(1).max(128),
  redirect_uri: z.url('redirect_uri không hợp lệ.'),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43,128}$/, 'Thiếu code_challenge (PKCE) hợp lệ.'),
  code_challenge_method: z.literal('S256', 'Chỉ hỗ trợ code_challenge_method=S256.'),
  state: z.string().max(512).optional(),
  scope: z.string().max(512).optional(),
});
export type AuthorizationRequest = z.infer<typeof authorizationRequestSchema>;

/** Redirect URIs are matched by prefix against the configured list, never taken on trust. */
export function parseAuthorizationRequest(input: unknown, allowedRedirectPrefixes: string[]): AuthorizationRequest {
  const request = parseInput(authorizationRequestSchema, input);
  if (!allowedRedirectPrefixes.some((prefix) => request.redirect_uri.startsWith(prefix))) {
    throw new AppError('VALIDATION_FAILED', 'Địa chỉ chuyển hướng (redirect_uri) không được đăng ký cho ứng dụng này.');
  }
  return request;
}
