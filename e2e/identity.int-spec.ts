import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { SERVICE_NAMES } from '@mc/contracts';
import { waitFor } from '@mc/local-infra';
import type { RunningService } from '@mc/service-runtime';
import type { RunningGateway } from '@mc/gateway';
import { catalogService } from '@mc/catalog';
import { identityService } from '@mc/identity';
import { passwordToken, startInProcess, type InProcessPlatform } from './support';

const PASSWORD = 'MatKhau@2026!';
/** Commune A is Phường Lương Văn Tri; its parent the province, its sibling Phường Đông Kinh, its child A's one-stop centre. */
const UNITS = { own: '05983', parent: '20', sibling: '05977', child: '05983.TTPVHCC' } as const;
type Position = keyof typeof UNITS;
const POSITIONS = Object.keys(UNITS) as Position[];
const ROLES = ['province_admin', 'unit_admin', 'clerk', 'specialist', 'leader', 'clerical', 'inspector', 'postal_client'] as const;
type Role = (typeof ROLES)[number];

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('identity and access through the gateway, against the real services', () => {
  let platform: InProcessPlatform;
  let identity: RunningService;
  let gateway: RunningGateway;
  let issuer: string;
  let adminToken: string;
  let sql: Client;

  const api = async (token: string | null, method: string, path: string, body?: unknown): Promise<Reply> => {
    const response = await fetch(`${gateway.url}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const tokenFor = (username: string, password = PASSWORD) => passwordToken(issuer, username, password);
  const counts = async () => {
    const { rows } = await sql.query(`
      SELECT (SELECT count(*) FROM identity.accounts)::int AS accounts, (SELECT count(*) FROM identity.role_grants)::int AS grants,
             (SELECT count(*) FROM identity.units)::int AS units, (SELECT count(*) FROM identity.audit_log)::int AS audit,
             (SELECT count(*) FROM identity.accounts WHERE disabled_at IS NOT NULL)::int AS disabled`);
    return rows[0];
  };
  let sequence = 0;
  const createAccount = async (unitCode: string, roles: { role: string; unitCode: string }[] = [], token = adminToken) => {
    sequence += 1;
    return api(token, 'POST', '/accounts', { username: `cb${sequence}.test`, fullName: `Cán bộ thử ${sequence}`, unitCode, password: PASSWORD, roles });
  };

  beforeAll(async () => {
    // The catalog runs too: its calendar overrides are a unit-scoped action of another service, decided there.
    platform = await startInProcess([identityService, catalogService], { SIGNING_KEY_ACTIVATION_SECONDS: '2', OIDC_JWKS_COOLDOWN_MS: '1000' });
    [identity] = platform.services as [RunningService];
    ({ gateway, issuer } = platform);
    sql = new Client({ connectionString: platform.database.url });
    await sql.connect();
    adminToken = await passwordToken(issuer, 'admin.tinh');
  });

  afterAll(async () => {
    await sql?.end();
    await platform?.stop();
  });

  describe('the authorization matrix: role × (own, parent, sibling, child unit) × action', () => {
    const actors = {} as Record<Role, string>;
    const targets = {} as Record<Position, string>;

    beforeAll(async () => {
      for (const role of ROLES) {
        const unitCode = role === 'province_admin' || role === 'postal_client' ? UNITS.parent : UNITS.own;
        const created = await createAccount(unitCode, [{ role, unitCode }]);
        expect(created.status).toBe(201);
        actors[role] = await tokenFor(created.body.username);
      }
      for (const position of POSITIONS) {
        const created = await createAccount(UNITS[position]);
        targets[position] = created.body.id;
      }
      // The catalog learns the unit tree from identity's events.
      await waitFor('units known to the catalog', async () => {
        const { rows } = await sql.query('SELECT count(*)::int AS n FROM catalog.calendar_units WHERE code = ANY($1)', [Object.values(UNITS)]);
        return rows[0].n === POSITIONS.length;
      });
    });

    // Written out by hand: where each role may act, relative to commune A.
    const ALL = POSITIONS;
    const SUBTREE: Position[] = ['own', 'child'];
    const NONE: Position[] = [];
    const CAN: Record<Role, { read: Position[]; write: Position[] }> = {
      province_admin: { read: ALL, write: ALL },
      unit_admin: { read: SUBTREE, write: SUBTREE },
      clerk: { read: SUBTREE, write: NONE },
      specialist: { read: SUBTREE, write: NONE },
      leader: { read: SUBTREE, write: NONE },
      clerical: { read: SUBTREE, write: NONE },
      inspector: { read: SUBTREE, write: NONE },
      postal_client: { read: NONE, write: NONE },
    };
    /** Denied writes on an account the caller cannot even see answer 404, like a missing one. */
    const denied = (role: Role, position: Position) => (CAN[role].read.includes(position) ? 403 : 404);
    const cases = ROLES.flatMap((role) => POSITIONS.map((position) => [role, position] as const));

    it.each(cases)('%s → account of the %s unit: read, list', async (role, position) => {
      const allowed = CAN[role].read.includes(position);
      const read = await api(actors[role], 'GET', `/accounts/${targets[position]}`);
      expect(read.status).toBe(allowed ? 200 : 404);
      const list = await api(actors[role], 'GET', `/accounts?unit=${encodeURIComponent(UNITS[position])}&includeSubunits=false`);
      expect(list.status).toBe(200);
      expect(list.body.items.some((account: { id: string }) => account.id === targets[position])).toBe(allowed);
    });

    it.each(cases)('%s → create an account in the %s unit', async (role, position) => {
      const before = await counts();
      const created = await createAccount(UNITS[position], [], actors[role]);
      const allowed = CAN[role].write.includes(position);
      expect(created.status).toBe(allowed ? 201 : 403);
      expect((await counts()).accounts).toBe(before.accounts + (allowed ? 1 : 0));
    });

    it.each(cases)('%s → disable and enable the account of the %s unit', async (role, position) => {
      const allowed = CAN[role].write.includes(position);
      const disabled = await api(actors[role], 'POST', `/accounts/${targets[position]}/disable`, { reason: 'Kiểm tra phân quyền' });
      expect(disabled.status).toBe(allowed ? 200 : denied(role, position));
      const { rows } = await sql.query('SELECT disabled_at IS NOT NULL AS disabled FROM identity.accounts WHERE id = $1', [targets[position]]);
      expect(rows[0].disabled).toBe(allowed);
      const enabled = await api(actors[role], 'POST', `/accounts/${targets[position]}/enable`);
      expect(enabled.status).toBe(allowed ? 200 : denied(role, position));
      if (!allowed) expect((await api(adminToken, 'GET', `/accounts/${targets[position]}`)).body.disabled).toBe(false);
    });

    it.each(cases)('%s → grant the clerk role in the %s unit', async (role, position) => {
      const before = await counts();
      const granted = await api(actors[role], 'POST', `/accounts/${targets[position]}/roles`, { role: 'clerk', unitCode: UNITS[position] });
      const allowed = CAN[role].write.includes(position);
      expect(granted.status).toBe(allowed ? 200 : denied(role, position));
      if (!allowed) expect((await counts()).grants).toBe(before.grants);
    });

    it.each(cases)('%s → set and clear the working hours of the %s unit (catalog service)', async (role, position) => {
      const allowed = CAN[role].write.includes(position);
      const set = await api(actors[role], 'PUT', `/calendar/units/${encodeURIComponent(UNITS[position])}`, { cutOff: '16:00' });
      expect(set.status).toBe(allowed ? 200 : 403);
      const { rows } = await sql.query('SELECT cut_off FROM catalog.calendar_unit_overrides WHERE unit_code = $1', [UNITS[position]]);
      expect(rows[0]?.cut_off ?? null).toBe(allowed ? '16:00' : null);
      if (allowed) expect((await api(actors[role], 'PUT', `/calendar/units/${encodeURIComponent(UNITS[position])}`, { cutOff: null })).status).toBe(200);
    });

    it.each(cases)('%s → add a department under, and rename, the %s unit', async (role, position) => {
      const allowed = CAN[role].write.includes(position);
      sequence += 1;
      const created = await api(actors[role], 'POST', '/units', {
        code: `${UNITS[position]}.P${sequence}`,
        name: `Phòng thử ${sequence}`,
        kind: 'department',
        parentCode: UNITS[position],
      });
      expect(created.status).toBe(allowed ? 201 : 403);
      const current = (await api(adminToken, 'GET', `/units/${UNITS[position]}`)).body.name;
      const renamed = await api(actors[role], 'PATCH', `/units/${UNITS[position]}`, { name: current });
      expect(renamed.status).toBe(allowed ? 200 : 403);
    });
  });

  describe('a unit admin staying within its unit', () => {
    let unitAdminToken: string;

    beforeAll(async () => {
      const created = await createAccount(UNITS.own, [{ role: 'unit_admin', unitCode: UNITS.own }]);
      unitAdminToken = await tokenFor(created.body.username);
    });

    it('gets 403 creating an account in a sibling unit, and nothing changes', async () => {
      const before = await counts();
      const reply = await createAccount(UNITS.sibling, [], unitAdminToken);
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });

    it('gets 403 granting province admin, even in its own unit, and nothing changes', async () => {
      const staff = await createAccount(UNITS.own, [], unitAdminToken);
      expect(staff.status).toBe(201);
      const before = await counts();
      const reply = await api(unitAdminToken, 'POST', `/accounts/${staff.body.id}/roles`, { role: 'province_admin', unitCode: UNITS.parent });
      expect(reply.status).toBe(403);
      const asUnitAdmin = await api(unitAdminToken, 'POST', `/accounts/${staff.body.id}/roles`, { role: 'unit_admin', unitCode: UNITS.own });
      expect(asUnitAdmin.status).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it('gets 403 creating an account that carries a role it may not grant, and the account is not created either', async () => {
      const before = await counts();
      const reply = await createAccount(UNITS.own, [{ role: 'province_admin', unitCode: UNITS.parent }], unitAdminToken);
      expect(reply.status).toBe(403);
      expect(await counts()).toEqual(before);
    });
  });

  describe('bad input: a 4xx with a stable code, nothing written', () => {
    it.each([
      ['an unknown unit code', { unitCode: '99999' }, 404, 'NOT_FOUND'],
      ['a malformed unit code', { unitCode: 'xã A' }, 400, 'VALIDATION_FAILED'],
      ['a duplicate username', { username: 'tiepnhan.lvt' }, 409, 'CONFLICT'],
      ['a username with diacritics', { username: 'tiếpnhận' }, 400, 'VALIDATION_FAILED'],
      ['a short password', { password: 'ngắn' }, 400, 'VALIDATION_FAILED'],
      ['an unknown role', { roles: [{ role: 'superuser', unitCode: '05983' }] }, 400, 'VALIDATION_FAILED'],
    ])('%s', async (_, override, status, code) => {
      const before = await counts();
      const reply = await api(adminToken, 'POST', '/accounts', {
        username: 'moi.tao',
        fullName: 'Người Mới',
        unitCode: '05983',
        password: PASSWORD,
        ...override,
      });
      expect(reply.status).toBe(status);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toMatch(/[À-ỹ]/); // a Vietnamese sentence, not a stack trace
      expect(await counts()).toEqual(before);
    });

    it('a 5 MB name: 413 PAYLOAD_TOO_LARGE', async () => {
      const before = await counts();
      const reply = await api(adminToken, 'POST', '/accounts', {
        username: 'ten.dai',
        fullName: 'Ạ'.repeat(5 * 1024 * 1024),
        unitCode: '05983',
        password: PASSWORD,
      });
      expect(reply.status).toBe(413);
      expect(reply.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['11 digits', '02019000012', 'đúng 12 chữ số'],
      ['letters', '02019000012A', 'đúng 12 chữ số'],
      ['an unknown province of birth', '003190000123', 'mã tỉnh'],
    ])('a malformed personal ID number (%s)', async (_, idNumber, hint) => {
      const before = await counts();
      const reply = await api(null, 'POST', '/citizens', { idNumber, fullName: 'Hoàng Văn Nam', phone: '0912345678', password: PASSWORD });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_FAILED');
      expect(reply.body.error.message).toContain(hint);
      expect(await counts()).toEqual(before);
    });

    it('an import whose last row is bad imports nothing and names the row', async () => {
      const before = await counts();
      const reply = await api(adminToken, 'POST', '/units/import', {
        units: [
          { code: '05983.NEW1', name: 'Phòng mới 1', kind: 'department', parentCode: '05983' },
          { code: '123', name: 'Xã sai mã', kind: 'commune', parentCode: '20' },
        ],
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toMatch(/^Dòng 2:/);
      expect(await counts()).toEqual(before);
    });

    it('a unit code used before is never given again', async () => {
      const reply = await api(adminToken, 'POST', '/units', { code: '06466', name: 'Xã mới', kind: 'commune', parentCode: '20' });
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('CONFLICT');
    });
  });

  describe('citizens', () => {
    it('registers online with a valid ID number, logs in, and reads only their own account', async () => {
      const reply = await api(null, 'POST', '/citizens', { idNumber: '020190000123', fullName: 'Lý Thị Mai', phone: '0912345678', password: PASSWORD });
      expect(reply.status).toBe(202);
      const token = await tokenFor('020190000123');
      const own = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).mc_account_id as string;
      expect((await api(token, 'GET', `/accounts/${own}`)).status).toBe(200);
      const someoneElse = (await api(adminToken, 'GET', '/accounts?unit=05983')).body.items[0].id;
      expect((await api(token, 'GET', `/accounts/${someoneElse}`)).status).toBe(404);
      // A second registration of the number says nothing of the first (e2e/citizen-identity.int-spec.ts).
      expect((await api(null, 'POST', '/citizens', { idNumber: '020190000123', fullName: 'Lý Thị Mai', phone: '0912345678', password: PASSWORD })).status).toBe(202);
    });
  });

  describe('disabling an account', () => {
    it('stops its existing access token within a minute and its refresh token at once', async () => {
      const created = await createAccount(UNITS.own, [{ role: 'clerk', unitCode: UNITS.own }]);
      const grant = await fetch(`${issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', client_id: 'mot-cua-web', username: created.body.username, password: PASSWORD }),
      }).then((r) => r.json() as Promise<{ access_token: string; refresh_token: string }>);
      expect((await api(grant.access_token, 'GET', `/accounts/${created.body.id}`)).status).toBe(200);

      const disabledAt = Date.now();
      expect((await api(adminToken, 'POST', `/accounts/${created.body.id}/disable`, { reason: 'Nghỉ việc' })).status).toBe(200);

      const refresh = await fetch(`${issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'mot-cua-web', refresh_token: grant.refresh_token }),
      });
      expect(refresh.status).toBe(400);
      expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');

      await waitFor('the access token refused', async () => (await api(grant.access_token, 'GET', `/accounts/${created.body.id}`)).status === 401, 60_000, 100);
      expect(Date.now() - disabledAt).toBeLessThan(60_000);
      const refused = await api(grant.access_token, 'GET', `/accounts/${created.body.id}`);
      expect(refused.body.error.message).toContain('đã bị khóa');
    });

    it('rotates refresh tokens and treats a reused one as stolen, past the one reuse a lost answer needs', async () => {
      const created = await createAccount(UNITS.own, [{ role: 'clerk', unitCode: UNITS.own }]);
      const login = async (body: Record<string, string>) =>
        fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams({ client_id: 'mot-cua-web', ...body }) });
      const first = (await (await login({ grant_type: 'password', username: created.body.username, password: PASSWORD })).json()) as { refresh_token: string };
      const second = (await (await login({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).json()) as { refresh_token: string };
      expect(second.refresh_token).toBeDefined();
      // Within the reuse window (services/identity/test/issuer.int-spec.ts) the token just rotated is answered once more.
      const again = (await (await login({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).json()) as { refresh_token: string };
      expect(again.refresh_token).toBeDefined();
      expect((await login({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).status).toBe(400);
      // The second reuse revoked the whole family, including the ones issued second and again.
      expect((await login({ grant_type: 'refresh_token', refresh_token: second.refresh_token })).status).toBe(400);
      expect((await login({ grant_type: 'refresh_token', refresh_token: again.refresh_token })).status).toBe(400);
    });
  });

  describe('the issuer', () => {
    const form = (body: Record<string, string>) => new URLSearchParams(body);

    it('runs the authorization code flow with PKCE, and refuses a wrong verifier or a second use of the code', async () => {
      const verifier = 'v'.repeat(20) + Math.random().toString(36).slice(2).padEnd(30, 'x');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const params = {
        response_type: 'code',
        client_id: 'mot-cua-web',
        redirect_uri: 'http://127.0.0.1:3000/callback',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state: 'xyz',
      };
      const page = await fetch(`${issuer}/authorize?${form(params)}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Đăng nhập');
      // The form is good only with the CSRF token of its page and the cookie that came with it.
      const signIn = { cookie: page.headers.get('set-cookie')!.split(';')[0]! };
      const csrf = { csrf_token: /name="csrf_token" value="([^"]+)"/.exec(html)![1]! };

      const wrongPassword = await fetch(`${issuer}/authorize`, {
        method: 'POST',
        headers: signIn,
        body: form({ ...params, ...csrf, username: 'tiepnhan.lvt', password: 'sai' }),
        redirect: 'manual',
      });
      expect(wrongPassword.status).toBe(401);
      expect(await wrongPassword.text()).toContain('không đúng');

      const login = await fetch(`${issuer}/authorize`, {
        method: 'POST',
        headers: signIn,
        body: form({ ...params, ...csrf, username: 'tiepnhan.lvt', password: 'MotCua@2026' }),
        redirect: 'manual',
      });
      expect(login.status).toBe(302);
      const location = new URL(login.headers.get('location')!);
      expect(location.origin + location.pathname).toBe('http://127.0.0.1:3000/callback');
      expect(location.searchParams.get('state')).toBe('xyz');
      const code = location.searchParams.get('code')!;

      const exchange = (codeVerifier: string) =>
        fetch(`${issuer}/token`, {
          method: 'POST',
          body: form({ grant_type: 'authorization_code', code, redirect_uri: params.redirect_uri, client_id: 'mot-cua-web', code_verifier: codeVerifier }),
        });
      expect((await exchange('w'.repeat(43))).status).toBe(400);
      const tokens = (await (await exchange(verifier)).json()) as { access_token: string; refresh_token: string };
      expect(tokens.refresh_token).toBeDefined();
      expect((await api(tokens.access_token, 'GET', '/accounts?unit=05983')).status).toBe(200);
      expect((await exchange(verifier)).status).toBe(400); // a code is good once
    });

    it('refuses a redirect URI that is not registered, without redirecting to it', async () => {
      const page = await fetch(
        `${issuer}/authorize?${form({ response_type: 'code', client_id: 'mot-cua-web', redirect_uri: 'https://evil.example/cb', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' })}`,
        { redirect: 'manual' },
      );
      expect(page.status).toBe(400);
      expect(page.headers.get('location')).toBeNull();
    });

    it('revokes a refresh token at sign-out', async () => {
      const grant = (await (
        await fetch(`${issuer}/token`, { method: 'POST', body: form({ grant_type: 'password', client_id: 'mot-cua-web', username: 'chuyenvien.lvt', password: 'MotCua@2026' }) })
      ).json()) as { refresh_token: string };
      expect((await fetch(`${issuer}/revoke`, { method: 'POST', body: form({ token: grant.refresh_token, client_id: 'mot-cua-web' }) })).status).toBe(200);
      const refreshed = await fetch(`${issuer}/token`, { method: 'POST', body: form({ grant_type: 'refresh_token', client_id: 'mot-cua-web', refresh_token: grant.refresh_token }) });
      expect(refreshed.status).toBe(400);
    });

    it('rotates its signing key without breaking tokens signed with the previous one', async () => {
      const before = await passwordToken(issuer, 'lanhdao.lvt');
      const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;
      const clerkToken = await passwordToken(issuer, 'tiepnhan.lvt');
      expect((await api(clerkToken, 'POST', '/auth/signing-keys/rotate')).status).toBe(403);
      const rotated = await api(adminToken, 'POST', '/auth/signing-keys/rotate');
      expect(rotated.status).toBe(200);
      // Published at once, signing only after the activation delay (2 s here).
      const jwksNow = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
      expect(jwksNow.keys.map((key) => key.kid)).toContain(rotated.body.kid);
      expect(kidOf(await passwordToken(issuer, 'lanhdao.lvt'))).toBe(kidOf(before));
      const after = await waitFor('the new key signing', async () => {
        const token = await passwordToken(issuer, 'lanhdao.lvt');
        return kidOf(token) === rotated.body.kid ? token : undefined;
      }, 30_000, 250);
      expect(kidOf(after)).toBe(rotated.body.kid);
      expect(kidOf(before)).not.toBe(kidOf(after));
      const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([kidOf(before), kidOf(after)]));
      // Both are accepted by the service, which learns the new key on first sight of its kid.
      expect((await api(before, 'GET', '/accounts?unit=05983')).status).toBe(200);
      expect((await api(after, 'GET', '/accounts?unit=05983')).status).toBe(200);
    });
  });

  it('publishes every change as an event through the outbox', async () => {
    await waitFor('outbox drained', async () => Number((await sql.query('SELECT count(*) FROM identity.outbox')).rows[0].count) === 0);
    const info = await identity.bus.jsm.streams.info(identity.bus.streamName('EVT_IDENTITY'));
    const subjects = await identity.bus.jsm.streams.info(identity.bus.streamName('EVT_IDENTITY'), { subjects_filter: '>' });
    expect(info.state.messages).toBeGreaterThan(300);
    const seen = Object.keys(subjects.state.subjects ?? {}).map((subject) => identity.bus.logicalSubject(subject)).sort();
    expect(seen).toEqual(
      expect.arrayContaining([
        'evt.identity.account.created',
        'evt.identity.account.disabled',
        'evt.identity.account.enabled',
        'evt.identity.role.granted',
        'evt.identity.unit.changed',
        'evt.identity.unit.created',
      ]),
    );
    expect(SERVICE_NAMES).toContain('identity');
  });
});
