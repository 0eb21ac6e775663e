import { z } from 'zod';

/**
 * What the default profile's OIDC issuer accepts from a client: the token,
 * authorization and revocation endpoints and the sign-in form. Every message
 * is for the person at the screen, so none of zod's English gets through.
 * NUL, lone surrogates and other unprintable text are refused by `parseInput`
 * before these schemas run, as for every other input.
 */

function text(name: string, max: number, missing = `Thiếu ${name}.`) {
  return z
    .string(missing)
    .min(1, missing)
    .max(max, `${name} dài quá ${max} ký tự.`);
}

const clientId = text('client_id', 128);

export const tokenRequestSchema = z.discriminatedUnion(
  'grant_type',
  [
    z.object({
      grant_type: z.literal('password'),
      username: text('Tên đăng nhập', 64, 'Nhập tên đăng nhập.').transform((value) => value.trim().toLowerCase()),
      password: text('Mật khẩu', 256, 'Nhập mật khẩu.'),
      client_id: clientId,
    }),
    z.object({
      grant_type: z.literal('client_credentials'),
      client_id: clientId,
      client_secret: text('client_secret', 256),
    }),
    z.object({
      grant_type: z.literal('authorization_code'),
      code: text('code', 256),
      redirect_uri: text('redirect_uri', 2048),
      client_id: clientId,
      code_verifier: z.string('Thiếu code_verifier (PKCE).').regex(/^[A-Za-z0-9._~-]{43,128}$/, 'Thiếu code_verifier (PKCE) hợp lệ.'),
    }),
    z.object({
      grant_type: z.literal('refresh_token'),
      refresh_token: text('refresh_token', 256),
      client_id: clientId,
    }),
  ],
  { error: 'grant_type phải là một trong: password, client_credentials, authorization_code, refresh_token.' },
);

/** What an authorization request must carry: the code flow for public clients, PKCE with S256 only. */
export const authorizationRequestSchema = z.object({
  response_type: z.literal('code', 'Chỉ hỗ trợ response_type=code.'),
  client_id: clientId,
  redirect_uri: z.url('redirect_uri không hợp lệ.'),
  code_challenge: z.string('Thiếu code_challenge (PKCE).').regex(/^[A-Za-z0-9_-]{43,128}$/, 'Thiếu code_challenge (PKCE) hợp lệ.'),
  code_challenge_method: z.literal('S256', 'Chỉ hỗ trợ code_challenge_method=S256.'),
  state: text('state', 512).optional(),
  scope: text('scope', 512).optional(),
});
export type AuthorizationRequest = z.infer<typeof authorizationRequestSchema>;

/** The sign-in form posts the authorization request back with the person's credentials and the form's CSRF token. */
export const signInFormSchema = authorizationRequestSchema.extend({
  username: text('Tên đăng nhập', 64, 'Nhập tên đăng nhập.').transform((value) => value.trim().toLowerCase()),
  password: text('Mật khẩu', 256, 'Nhập mật khẩu.'),
  // A missing token is a refused form (403), not bad input: it is checked against the cookie after parsing.
  csrf_token: z.string('Mã bảo vệ của biểu mẫu không hợp lệ.').max(256, 'Mã bảo vệ của biểu mẫu không hợp lệ.').default(''),
});

/** RFC 7009: the token and the client it was issued to. */
export const revocationRequestSchema = z.object({
  token: text('token', 256),
  client_id: clientId,
});
