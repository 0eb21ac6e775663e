import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import path from 'node:path';
import { createTestDatabase, deleteNamespaceStreams, freePort, repoRoot, testNamespace, testNatsUrl, type TestDatabase } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { identityService } from '../src/identity.service';

const DEMO_PASSWORD = 'MotCua@2026';
const CLIENT_ID = 'mot-cua-web';
/** Some text a clerk reads: Vietnamese, and none of the English a library answers with. */
const VIETNAMESE = /[À-ỹ]/;
const ENGLISH = /invalid|expected|required|cannot|not found|unsupported|body|error/i;

interface TokenReply {
  status: number;
  headers: Headers;
  body: { access_token?: string; refresh_token?: string; error?: string; error_description?: string; code?: string; details?: { retryAfterSeconds?: number } };
}

describe('the issuer signing people in (real Postgres and NATS)', () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let identity: RunningService;
  let issuer: string;
  let port: number;

  const token = async (fields: Record<string, string>): Promise<TokenReply> => {
    const response = await fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, ...fields }) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as TokenReply['body'] };
  };
  const passwordGrant = (username: string, password: string) => token({ grant_type: 'password', username, password });
  const tokenJson = async (body: string, contentType = 'application/json'): Promise<TokenReply> => {
    const response = await fetch(`${issuer}/token`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: response.status, headers: response.headers, body: (await response.json()) as TokenReply['body'] };
  };
  const forgetFailures = () => identity.dataSource.query('DELETE FROM sign_in_failures');
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    database = await createTestDatabase();
    port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    identity = await startBusService(identityService, {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      OIDC_ISSUER: issuer,
      IDENTITY_HTTP_PORT: String(port),
      DEMO_UNITS_FILE: path.join(repoRoot(), 'infra/demo/units.json'),
      DEMO_ACCOUNTS_FILE: path.join(repoRoot(), 'infra/demo/accounts.json'),
      SIGN_IN_FREE_FAILURES_PER_ADDRESS: '12',
      ISSUER_REQUEST_TIMEOUT_MS: '2000',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
  });

  afterAll(async () => {
    await identity?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  beforeEach(async () => {
    // Every test signs in from 127.0.0.1: one test's failures must not slow the next one down.
    await forgetFailures().catch(() => undefined);
  });

  describe('throttling wrong passwords', () => {
    it('refuses an account early, with a growing Retry-After, after five wrong passwords, and lets the right one in once the wait is over', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expect((await passwordGrant('tiepnhan.dk', `sai-${attempt}`)).status).toBe(400);
      }
      const refused = await passwordGrant('tiepnhan.dk', DEMO_PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.body.error).toBe('slow_down');
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(refused.body.error_description).toMatch(/thử lại sau \d+ giây/);
      const firstWait = Number(refused.headers.get('retry-after'));
      expect(firstWait).toBeGreaterThanOrEqual(1);

      await sleep(firstWait * 1000 + 100);
      expect((await passwordGrant('tiepnhan.dk', 'sai-6')).status).toBe(400);
      const longer = await passwordGrant('tiepnhan.dk', DEMO_PASSWORD);
      expect(longer.status).toBe(429);
      expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(firstWait);

      // Never a lock: the wait ends, the right password works and clears the count.
      await sleep(Number(longer.headers.get('retry-after')) * 1000 + 100);
      expect((await passwordGrant('tiepnhan.dk', DEMO_PASSWORD)).status).toBe(200);
      expect((await passwordGrant('tiepnhan.dk', 'sai-7')).status).toBe(400);
      expect((await passwordGrant('tiepnhan.dk', DEMO_PASSWORD)).status).toBe(200);
    });

    it('throttles an unknown username exactly like a known one, so the answer does not tell which exists', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expect((await passwordGrant('khong.ton.tai', `sai-${attempt}`)).status).toBe(400);
      }
      expect((await passwordGrant('khong.ton.tai', 'sai-6')).status).toBe(429);
    });

    it('refuses an address that tries many accounts, even for an account it has not tried yet', async () => {
      for (let attempt = 1; attempt <= 12; attempt += 1) {
        expect((await passwordGrant(`thu.${attempt}`, 'MotCua@2025')).status).toBe(400);
      }
      const refused = await passwordGrant('chuyenvien.dk', DEMO_PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    it('throttles the sign-in form the same way, with a Vietnamese page', async () => {
      const form = await openSignInForm();
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expect((await submit(form, { username: 'lanhdao.lvt', password: `sai-${attempt}` })).status).toBe(401);
      }
      const refused = await submit(form, { username: 'lanhdao.lvt', password: DEMO_PASSWORD });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.text()).toMatch(/thử lại sau \d+ giây/);
    });

    it('records each failed sign-in in the audit log, without the password', async () => {
      await passwordGrant('Chuyenvien.LVT', 'MatKhauSai!1');
      await passwordGrant('ai.do', 'MatKhauSai!2');
      const rows: { actor: string; action: string; target_type: string; target_id: string; after: Record<string, string>; row: string }[] =
        await identity.dataSource.query(
          `SELECT actor, action, target_type, target_id, after, row_to_json(audit_log)::text AS row
           FROM audit_log WHERE action = 'sign_in.failed' AND target_id IN ('chuyenvien.lvt', 'ai.do') ORDER BY seq`,
        );
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ actor: 'chuyenvien.lvt', target_type: 'sign_in', target_id: 'chuyenvien.lvt' });
      expect(rows[0]!.after).toMatchObject({ clientId: CLIENT_ID, address: '127.0.0.1', via: 'token', reason: 'wrong_credentials' });
      expect(rows[1]!.target_id).toBe('ai.do');
      expect(rows.map((row) => row.row).join()).not.toMatch(/MatKhauSai/);
    });

    it('answers an unknown username in the same time as a wrong password', async () => {
      const time = async (username: string) => {
        await forgetFailures().catch(() => undefined);
        const started = process.hrtime.bigint();
        expect((await passwordGrant(username, 'MotCua@2025')).status).toBe(400);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let round = 0; round < 15; round += 1) {
        known.push(await time('tiepnhan.lvt'));
        unknown.push(await time(`vang.mat.${round}`));
      }
      // Today's gap was 1.7 ms against 40.9 ms; noise on a busy machine stays well inside a factor of 1.5.
      const ratio = median(unknown) / median(known);
      expect(ratio).toBeGreaterThan(0.67);
      expect(ratio).toBeLessThan(1.5);
    });
  });

  interface SignInForm {
    params: Record<string, string>;
    cookie: string;
    csrfToken: string;
  }
  const authorizationParams = () => ({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: 'http://127.0.0.1:3000/callback',
    code_challenge: createHash('sha256').update('v'.repeat(50)).digest('base64url'),
    code_challenge_method: 'S256',
    state: 'abc',
  });
  const openSignInForm = async (): Promise<SignInForm> => {
    const params = authorizationParams();
    const page = await fetch(`${issuer}/authorize?${new URLSearchParams(params)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrfToken = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return { params, cookie, csrfToken };
  };
  const submit = (form: SignInForm, fields: Record<string, string>, { cookie = form.cookie, csrfToken = form.csrfToken } = {}) =>
    fetch(`${issuer}/authorize`, {
      method: 'POST',
      headers: cookie ? { cookie } : {},
      body: new URLSearchParams({ ...form.params, ...(csrfToken ? { csrf_token: csrfToken } : {}), ...fields }),
      redirect: 'manual',
    });
  const codesIssued = async () => Number((await identity.dataSource.query('SELECT count(*) FROM authorization_codes'))[0].count);

  describe('the sign-in form', () => {
    it('carries a CSRF token in a hidden field and an HttpOnly SameSite cookie, and signs in with both', async () => {
      const page = await fetch(`${issuer}/authorize?${new URLSearchParams(authorizationParams())}`);
      expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/i);
      expect(page.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
      const form = await openSignInForm();
      expect(form.csrfToken.length).toBeGreaterThanOrEqual(32);
      const signedIn = await submit(form, { username: 'tiepnhan.lvt', password: DEMO_PASSWORD });
      expect(signedIn.status).toBe(302);
      expect(new URL(signedIn.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    });

    it.each([
      ['without the hidden token', { csrfToken: '' }],
      ['without the cookie', { cookie: '' }],
      ['with a token that is not the cookie’s', { csrfToken: 'x'.repeat(43) }],
    ])('refuses a form posted %s, with a Vietnamese page, and issues no code', async (_, override) => {
      const form = await openSignInForm();
      const before = await codesIssued();
      const refused = await submit(form, { username: 'tiepnhan.lvt', password: DEMO_PASSWORD }, override);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('location')).toBeNull();
      const html = await refused.text();
      expect(html).toContain('lang="vi"');
      expect(html).toMatch(/mở lại trang đăng nhập/);
      expect(await codesIssued()).toBe(before);
    });
  });

  describe('renewing with a refresh token', () => {
    const signIn = async (username: string) => (await passwordGrant(username, DEMO_PASSWORD)).body.refresh_token as string;
    const renew = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    const renewed = async (refreshToken: string) => {
      const reply = await renew(refreshToken);
      expect(reply).toMatchObject({ status: 200, body: { access_token: expect.any(String), refresh_token: expect.any(String) } });
      return reply.body.refresh_token as string;
    };
    const expectRefused = async (refreshToken: string) => expect(await renew(refreshToken)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const signOut = (refreshToken: string) => fetch(`${issuer}/revoke`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, token: refreshToken }) });
    const familyOf = async (refreshToken: string) =>
      (await identity.dataSource.query('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [createHash('sha256').update(refreshToken).digest('base64url')]))[0]
        ?.family_id as string;

    it('answers a token rotated moments ago once more, in the same sign-in, when the page lost the answer with its successor', async () => {
      const first = await signIn('vanthu.lvt');
      const lost = await renewed(first);
      const again = await renewed(first);
      expect(again).not.toBe(lost);
      expect(await familyOf(again)).toBe(await familyOf(first));
      // The sign-in goes on from the pair given again, as many renewals as it lives.
      await renewed(await renewed(again));
    });

    it('treats a second reuse within the window as a thief racing the owner: every token of the account is revoked, the extra pair included', async () => {
      const first = await signIn('vanthu.lvt');
      const successor = await renewed(first);
      const extra = await renewed(first);
      await expectRefused(first);
      await expectRefused(successor);
      await expectRefused(extra);
    });

    it('keeps both tabs signed in when two renew the same token at once', async () => {
      // Three sign-ins raced at once, so that one renewal of a pair waits for its twin's lock more than by luck.
      const shared = await Promise.all([1, 2, 3].map(() => signIn('chuyenvien.dk')));
      const tabs = (await Promise.all(shared.map((token) => Promise.all([renew(token), renew(token)])))).flat();
      expect(tabs.map((tab) => tab.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(new Set(tabs.map((tab) => tab.body.refresh_token)).size).toBe(6);
      // Each tab goes on with its own token, at its next renewals.
      await Promise.all(tabs.map(async (tab) => renewed(await renewed(tab.body.refresh_token as string))));
    });

    it('still treats a reuse after the window as theft and revokes every sign-in of the account', async () => {
      const elsewhere = await signIn('admin.tinh');
      const first = await signIn('admin.tinh');
      const successor = await renewed(first);
      // The window is 30 s by default; the rotation is moved 31 s into the past rather than waited for.
      await identity.dataSource.query(
        "UPDATE refresh_tokens SET rotated_at = rotated_at - interval '31 seconds', revoked_at = revoked_at - interval '31 seconds' WHERE family_id = $1 AND rotated_at IS NOT NULL",
        [await familyOf(first)],
      );
      await expectRefused(first);
      await expectRefused(successor);
      await expectRefused(elsewhere);
    });

    it('does not answer a just-rotated token after sign-out', async () => {
      const first = await signIn('tiepnhan.dk');
      const successor = await renewed(first);
      expect((await signOut(successor)).status).toBe(200);
      await expectRefused(first);
      await expectRefused(successor);
    });

    it('ends the whole sign-in at sign-out, a successor whose answer was lost included', async () => {
      const first = await signIn('tiepnhan.dk');
      const lost = await renewed(first);
      const again = await renewed(first);
      expect((await signOut(again)).status).toBe(200);
      await expectRefused(lost);
      await expectRefused(again);
    });
  });

  describe('bad input: a 400 in Vietnamese, never a 500', () => {
    it.each([
      ['a NUL in the username', { grant_type: 'password', username: 'tiepnhan\u0000.lvt', password: DEMO_PASSWORD }],
      ['a NUL in the password', { grant_type: 'password', username: 'tiepnhan.lvt', password: 'MotCua\u0000@2026' }],
      ['an unknown grant_type', { grant_type: 'implicit' }],
      ['no grant_type', {}],
      ['no username', { grant_type: 'password', password: DEMO_PASSWORD }],
      ['a NUL in the client secret', { grant_type: 'client_credentials', client_secret: 'a\u0000b' }],
      ['a NUL in the refresh token', { grant_type: 'refresh_token', refresh_token: 'a\u0000b' }],
    ])('/token with %s', async (_, fields) => {
      const reply = await token(fields);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('invalid_request');
      expect(reply.body.code).toBe('VALIDATION_FAILED');
      expect(reply.body.error_description).toMatch(VIETNAMESE);
      expect(reply.body.error_description).not.toMatch(ENGLISH);
    });

    it.each([
      ['a lone surrogate in the username', JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, username: 'a\ud800b', password: 'x' })],
      ['a lone surrogate in the password', JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, username: 'tiepnhan.lvt', password: 'x\udc00' })],
      ['a username that is not text', JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, username: ['a'], password: 'x' })],
      ['malformed JSON', '{"grant_type":'],
    ])('/token with %s', async (_, body) => {
      const reply = await tokenJson(body);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('invalid_request');
      expect(reply.body.error_description).toMatch(VIETNAMESE);
      expect(reply.body.error_description).not.toMatch(ENGLISH);
    });

    it('/token with a body type it does not read: a 415 in Vietnamese', async () => {
      const reply = await tokenJson('<grant_type>password</grant_type>', 'application/xml');
      expect(reply.status).toBe(415);
      expect(reply.body.error).toBe('invalid_request');
      expect(reply.body.error_description).toMatch(VIETNAMESE);
      expect(reply.body.error_description).not.toMatch(ENGLISH);
    });

    it.each([
      ['a NUL in the username', { username: 'tiepnhan\u0000.lvt', password: DEMO_PASSWORD }, 'form'],
      ['a NUL in the password', { username: 'tiepnhan.lvt', password: 'MotCua\u0000@2026' }, 'form'],
      // A form encoding cannot carry half a surrogate pair (the browser sends U+FFFD); JSON can.
      ['a lone surrogate in the username', { username: 'tiepnhan\ud800', password: DEMO_PASSWORD }, 'json'],
    ])('the sign-in form with %s', async (_, fields, encoding) => {
      const form = await openSignInForm();
      const before = await codesIssued();
      const reply =
        encoding === 'form'
          ? await submit(form, fields)
          : await fetch(`${issuer}/authorize`, {
              method: 'POST',
              headers: { cookie: form.cookie, 'content-type': 'application/json' },
              body: JSON.stringify({ ...form.params, csrf_token: form.csrfToken, ...fields }),
              redirect: 'manual',
            });
      expect(reply.status).toBe(400);
      const html = await reply.text();
      expect(html).toContain('lang="vi"');
      expect(html).toMatch(VIETNAMESE);
      expect(await codesIssued()).toBe(before);
    });

    it('/authorize with a NUL in the state: a Vietnamese page', async () => {
      const reply = await fetch(`${issuer}/authorize?${new URLSearchParams({ ...authorizationParams(), state: 'a\u0000b' })}`);
      expect(reply.status).toBe(400);
      expect(await reply.text()).toMatch(VIETNAMESE);
    });

    it('/revoke with a NUL in the client id', async () => {
      const reply = await fetch(`${issuer}/revoke`, { method: 'POST', body: new URLSearchParams({ token: 'abc', client_id: 'a\u0000b' }) });
      expect(reply.status).toBe(400);
      const body = (await reply.json()) as { error: string; error_description: string };
      expect(body.error).toBe('invalid_request');
      expect(body.error_description).toMatch(VIETNAMESE);
    });
  });

  describe('addresses the issuer does not serve', () => {
    it('answers a browser at / with a Vietnamese page that points to the discovery document', async () => {
      const reply = await fetch(`${issuer}/`, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toMatch(/text\/html/);
      const html = await reply.text();
      expect(html).toContain('lang="vi"');
      expect(html).toContain('/.well-known/openid-configuration');
      expect(html).not.toMatch(/Cannot GET/);
    });

    it('answers an API client with a stable code and a Vietnamese message', async () => {
      const reply = await fetch(`${issuer}/khong-co`);
      expect(reply.status).toBe(404);
      const body = (await reply.json()) as { code: string; message: string };
      expect(body.code).toBe('NOT_FOUND');
      expect(body.message).toMatch(VIETNAMESE);
      expect(body.message).not.toMatch(ENGLISH);
    });
  });

  describe('slow clients', () => {
    it('cuts off a request whose body trickles in, within the configured bound', async () => {
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      const started = Date.now();
      const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
      socket.on('error', () => undefined);
      socket.write(`POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n`);
      const body = 'grant_type=password&client_id=mot-cua-web&username=tiepnhan.lvt&password=';
      let sent = 0;
      const trickle = setInterval(() => {
        if (!socket.destroyed && sent < body.length) socket.write(body[sent++]!);
      }, 500);
      try {
        const bound = new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), 8_000));
        // 2 s configured; the server checks its connections every second.
        expect(await Promise.race([closed, bound])).toBeLessThan(4_500);
      } finally {
        clearInterval(trickle);
        socket.destroy();
      }
    });
  });
});
