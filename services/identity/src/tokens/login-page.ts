import type { AuthorizationRequest } from './authorization-request';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/**
 * The sign-in page of the default profile's issuer: plain HTML, works on a phone, no script. The CSRF token
 * rides along as a hidden field; the VNeID link carries only the authorization request, never that token.
 */
export function renderLoginPage(request: AuthorizationRequest & { csrf_token: string }, error?: string): string {
  const fields = Object.entries(request).filter((field): field is [string, string] => field[1] !== undefined);
  const authorizationRequest = fields.filter(([name]) => name !== 'csrf_token');
  const hidden = fields
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(String(value))}">`)
    .join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập — Hệ thống một cửa điện tử</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .3rem}
input[type=text],input[type=password]{width:100%;padding:.6rem;font-size:1rem;box-sizing:border-box}button{margin-top:1.2rem;width:100%;padding:.7rem;font-size:1rem}
.error{color:#b00020;margin:.8rem 0}</style></head>
<body><h1>Đăng nhập</h1><p>Hệ thống một cửa điện tử</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="authorize">${hidden}
<label for="username">Tên đăng nhập</label><input id="username" name="username" type="text" autocomplete="username" required autofocus>
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button></form>
<p><a href="federation/vneid?${escape(new URLSearchParams(authorizationRequest).toString())}">Đăng nhập bằng VNeID</a></p></body></html>`;
}

/** A page with one message, for what the issuer cannot show the sign-in form for; the link leads somewhere useful. */
export function renderMessagePage(message: string, link?: { href: string; text: string }): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hệ thống một cửa điện tử</title></head>
<body><p>${escape(message)}</p>${link ? `<p><a href="${escape(link.href)}">${escape(link.text)}</a></p>` : ''}</body></html>`;
}
