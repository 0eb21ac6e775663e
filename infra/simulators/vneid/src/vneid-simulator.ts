import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

/** A person VNeID knows: the page offers them to pick, and any other valid number can be typed in. */
export interface VneidCitizen {
  idNumber: string;
  fullName: string;
}

export interface VneidClient {
  clientId: string;
  /** Absent: a public client (PKCE only). Present: required at the token endpoint (client_secret_post or _basic). */
  clientSecret?: string;
  /** Exact redirect URIs, as an OpenID provider registers them. */
  redirectUris: string[];
}

export interface VneidSimulatorOptions {
  clients: VneidClient[];
  citizens?: VneidCitizen[];
  /** Claim that carries the personal ID number (số định danh cá nhân) in the ID token and at userinfo. */
  idNumberClaim?: string;
  port?: number;
  host?: string;
  /** Public base URL when it differs from the listening address (behind a proxy, in compose). */
  issuer?: string;
  codeTtlSeconds?: number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
  citizen: VneidCitizen;
  expiresAt: number;
  used: boolean;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
const AUTHORIZE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method'] as const;
const ID_NUMBER = /^\d{12}$/;

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

/**
 * VNeID (the national electronic identity) as an OpenID provider, for the
 * default profile and the tests: discovery, JWKS, the authorization endpoint
 * with a page to pick or type in a test citizen, the token endpoint (code +
 * PKCE S256, one use, short-lived, bound to client and redirect URI) and
 * userinfo. The RS256 ID token carries the personal ID number as a claim. It
 * keeps an OpenID provider's rules, so the adapter is tested against them:
 * unknown clients and unregistered redirect URIs are refused on the page,
 * never redirected to.
 */
export class VneidSimulator {
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, { citizen: VneidCitizen; clientId: string; expiresAt: number }>();

  private readonly server: Server;
  private baseUrl = '';

  private constructor(
    private readonly options: VneidSimulatorOptions,
    private readonly key: { kid: string; privateKey: KeyLike; publicJwk: JWK },
  ) {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(options: VneidSimulatorOptions): Promise<VneidSimulator> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    const simulator = new VneidSimulator(options, { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
    await new Promise<void>((resolve, reject) => {
      simulator.server.once('error', reject);
      simulator.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const { port } = simulator.server.address() as AddressInfo;
    simulator.baseUrl = (options.issuer ?? `http://${options.host ?? '127.0.0.1'}:${port}`).replace(/\/$/, '');
    return simulator;
  }

  get issuer(): string {
    return this.baseUrl;
  }

  get idNumberClaim(): string {
    return this.options.idNumberClaim ?? 'citizen_id';
  }

  /**
   * What a person does on the authorization page, over HTTP as a browser posts
   * the form: agrees (or refuses) to share the citizen's data. Returns where
   * VNeID then sends the browser.
   */
  async approve(authorizeUrl: string, citizen: VneidCitizen, decision: 'allow' | 'deny' = 'allow'): Promise<string> {
    const params = Object.fromEntries(new URL(authorizeUrl).searchParams);
    const response = await fetch(`${this.issuer}/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ ...params, pick: 'other', idNumber: citizen.idNumber, fullName: citizen.fullName, decision }),
      redirect: 'manual',
    });
    const location = response.headers.get('location');
    if (response.status !== 302 || !location) throw new Error(`VNeID answered ${response.status}: ${await response.text()}`);
    return location;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.issuer);
    try {
      const route = `${request.method} ${url.pathname}`;
      switch (route) {
        case 'GET /.well-known/openid-configuration':
          return json(response, 200, this.discovery());
        case 'GET /jwks':
          return json(response, 200, { keys: [this.key.publicJwk] });
        case 'GET /authorize':
          return this.authorizePage(Object.fromEntries(url.searchParams), response);
        case 'POST /authorize':
          return this.authorize(await readForm(request), response);
        case 'POST /token':
          return json(response, 200, await this.token(await readForm(request), request.headers.authorization), { 'cache-control': 'no-store' });
        case 'GET /userinfo':
          return json(response, 200, this.userinfo(request.headers.authorization));
        default:
          return json(response, 404, { error: 'not_found' });
      }
    } catch (error) {
      if (error instanceof OAuthError) {
        if (url.pathname === '/authorize') return html(response, error.status, `<p>${escape(error.message)}</p>`);
        return json(response, error.status, { error: error.error, error_description: error.message });
      }
      return json(response, 500, { error: 'server_error', error_description: (error as Error).message });
    }
  }

  private discovery() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      userinfo_endpoint: `${this.issuer}/userinfo`,
      jwks_uri: `${this.issuer}/jwks`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
      scopes_supported: ['openid', 'profile'],
      claims_supported: ['sub', 'name', this.idNumberClaim, 'nonce'],
    };
  }

  /** Checks an authorization request; a bad client or redirect URI is answered on the page (400), anything else at the redirect URI. */
  private checkAuthorizationRequest(params: Record<string, string>): { client: VneidClient; redirectUri: string } {
    const client = this.options.clients.find((candidate) => candidate.clientId === params.client_id);
    if (!client) throw new OAuthError(400, 'invalid_client', 'Ứng dụng (client_id) chưa đăng ký với VNeID.');
    if (!params.redirect_uri || !client.redirectUris.includes(params.redirect_uri)) {
      throw new OAuthError(400, 'invalid_request', 'Địa chỉ chuyển hướng (redirect_uri) chưa đăng ký cho ứng dụng này.');
    }
    return { client, redirectUri: params.redirect_uri };
  }

  private authorizeError(params: Record<string, string>): string | null {
    if (params.response_type !== 'code') return 'unsupported_response_type';
    if (!(params.scope ?? '').split(' ').includes('openid')) return 'invalid_scope';
    if (params.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43,128}$/.test(params.code_challenge ?? '')) return 'invalid_request';
    return null;
  }

  private authorizePage(params: Record<string, string>, response: ServerResponse): void {
    const { redirectUri } = this.checkAuthorizationRequest(params);
    const error = this.authorizeError(params);
    if (error) return redirect(response, withParams(redirectUri, { error, state: params.state }));
    const hidden = AUTHORIZE_PARAMS.filter((name) => params[name] !== undefined)
      .map((name) => `<input type="hidden" name="${name}" value="${escape(params[name] as string)}">`)
      .join('');
    const people = (this.options.citizens ?? [])
      .map(
        (citizen, index) =>
          `<label><input type="radio" name="pick" value="${index}"${index === 0 ? ' checked' : ''}> ${escape(citizen.fullName)} — ${escape(citizen.idNumber)}</label>`,
      )
      .join('');
    html(
      response,
      200,
      `<h1>VNeID (mô phỏng)</h1><p>Định danh điện tử quốc gia — chỉ dùng để thử nghiệm.</p>
<form method="post" action="authorize">${hidden}
<fieldset><legend>Chọn công dân thử nghiệm</legend>${people}
<label><input type="radio" name="pick" value="other"${people ? '' : ' checked'}> Người khác:</label>
<label>Số định danh cá nhân <input name="idNumber" inputmode="numeric" pattern="\\d{12}"></label>
<label>Họ và tên <input name="fullName"></label></fieldset>
<button type="submit" name="decision" value="allow">Đồng ý chia sẻ thông tin</button>
<button type="submit" name="decision" value="deny">Từ chối</button></form>`,
    );
  }

  private authorize(form: Record<string, string>, response: ServerResponse): void {
    const { client, redirectUri } = this.checkAuthorizationRequest(form);
    const error = this.authorizeError(form) ?? (form.decision === 'deny' ? 'access_denied' : null);
    if (error) return redirect(response, withParams(redirectUri, { error, state: form.state }));
    const picked = form.pick !== undefined && form.pick !== 'other' ? this.options.citizens?.[Number(form.pick)] : undefined;
    const citizen = picked ?? { idNumber: (form.idNumber ?? '').trim(), fullName: (form.fullName ?? '').trim() };
    if (!ID_NUMBER.test(citizen.idNumber) || !citizen.fullName) {
      throw new OAuthError(400, 'invalid_request', 'Nhập số định danh cá nhân (12 chữ số) và họ tên của công dân thử nghiệm.');
    }
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      challenge: form.code_challenge as string,
      nonce: form.nonce,
      citizen,
      expiresAt: Date.now() + (this.options.codeTtlSeconds ?? 60) * 1000,
      used: false,
    });
    redirect(response, withParams(redirectUri, { code, state: form.state }));
  }

  private async token(form: Record<string, string>, authorization: string | undefined) {
    const basic = authorization?.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString('utf8') : undefined;
    const [basicId, basicSecret] = basic ? basic.split(':').map((part) => decodeURIComponent(part)) : [];
    const clientId = basicId ?? form.client_id;
    const client = this.options.clients.find((candidate) => candidate.clientId === clientId);
    if (!client) throw new OAuthError(401, 'invalid_client', 'Ứng dụng không xác định.');
    if (client.clientSecret !== undefined && !sameSecret(basicSecret ?? form.client_secret, client.clientSecret)) {
      throw new OAuthError(401, 'invalid_client', 'Sai khóa bí mật của ứng dụng.');
    }
    if (form.grant_type !== 'authorization_code') throw new OAuthError(400, 'unsupported_grant_type', 'Chỉ hỗ trợ authorization_code.');
    const pending = form.code ? this.codes.get(form.code) : undefined;
    const challenge = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
    if (!pending || pending.used || pending.expiresAt < Date.now() || pending.clientId !== client.clientId || pending.redirectUri !== form.redirect_uri) {
      throw new OAuthError(400, 'invalid_grant', 'Mã cấp quyền không hợp lệ, đã dùng hoặc đã hết hạn.');
    }
    // A code is spent by any attempt, as RFC 6749 §4.1.2 asks of a code presented twice.
    pending.used = true;
    if (challenge !== pending.challenge) throw new OAuthError(400, 'invalid_grant', 'code_verifier không khớp code_challenge (PKCE).');

    const now = Math.floor(Date.now() / 1000);
    const accessToken = randomBytes(32).toString('base64url');
    this.accessTokens.set(accessToken, { citizen: pending.citizen, clientId: client.clientId, expiresAt: Date.now() + 300_000 });
    const idToken = await new SignJWT({
      name: pending.citizen.fullName,
      [this.idNumberClaim]: pending.citizen.idNumber,
      ...(pending.nonce ? { nonce: pending.nonce } : {}),
      auth_time: now,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(client.clientId)
      .setSubject(this.subjectOf(pending.citizen, client.clientId))
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(this.key.privateKey);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken, scope: 'openid profile' };
  }

  private userinfo(authorization: string | undefined) {
    const token = authorization?.startsWith('Bearer ') ? this.accessTokens.get(authorization.slice(7)) : undefined;
    if (!token || token.expiresAt < Date.now()) throw new OAuthError(401, 'invalid_token', 'Mã truy cập không hợp lệ hoặc đã hết hạn.');
    return { sub: this.subjectOf(token.citizen, token.clientId), name: token.citizen.fullName, [this.idNumberClaim]: token.citizen.idNumber };
  }

  /** Pairwise, as a national identity provider gives each relying party its own subject for a person. */
  private subjectOf(citizen: VneidCitizen, clientId: string): string {
    return createHash('sha256').update(`${clientId}:${citizen.idNumber}`).digest('base64url');
  }
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new OAuthError(413, 'invalid_request', 'Yêu cầu quá lớn.');
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks).toString('utf8');
  if (!(request.headers['content-type'] ?? '').includes('application/json')) return Object.fromEntries(new URLSearchParams(body));
  try {
    return JSON.parse(body || '{}') as Record<string, string>;
  } catch {
    throw new OAuthError(400, 'invalid_request', 'Nội dung JSON không hợp lệ.');
  }
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

function html(response: ServerResponse, status: number, body: string): void {
  response
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' })
    .end(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>VNeID (mô phỏng)</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}` +
        `label{display:block;margin:.5rem 0}</style></head><body>${body}</body></html>`,
    );
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location, 'cache-control': 'no-store' }).end();
}
