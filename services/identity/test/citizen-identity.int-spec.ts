import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { AppError, citizenVerifySchema, parseInput, type CitizenVerifyInput } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { createTestDatabase, deleteNamespaceStreams, freePort, repoRoot, testNamespace, testNatsUrl, type TestDatabase } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { VneidSimulator, type VneidCitizen } from '@mc/vneid-simulator';
import { REGISTRATION_RECEIVED, RegisterCitizen } from '../src/accounts/register-citizen';
import { VerifyCitizenAtCounter } from '../src/accounts/verify-citizen-at-counter';
import { identityService } from '../src/identity.service';

const PASSWORD = 'MatKhau@2026!';
const CLIENT = 'mot-cua-web';
const REDIRECT_URI = 'http://127.0.0.1:3000/dang-nhap/xong';
const VNEID_CLIENT = { clientId: 'mot-cua-lang-son', clientSecret: 'BiMat@VNeID-2026' };

const CLERK: Principal = {
  subject: randomUUID(),
  username: 'tiepnhan.lvt',
  kind: 'staff',
  roles: [{ role: 'clerk', unit: '05983', path: '/20/05983/' }],
  clientId: CLIENT,
};
const SPECIALIST: Principal = { ...CLERK, username: 'chuyenvien.lvt', roles: [{ role: 'specialist', unit: '05983', path: '/20/05983/' }] };

interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  error?: string;
}

describe('a citizen’s ID number is proven, never just claimed', () => {
  let database: TestDatabase;
  let namespace: string;
  let identity: RunningService;
  let vneid: VneidSimulator;
  let issuer: string;

  const token = async (body: Record<string, string>): Promise<{ status: number; body: TokenAnswer }> => {
    const response = await fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT, ...body }) });
    return { status: response.status, body: (await response.json()) as TokenAnswer };
  };
  const passwordGrant = (username: string, password = PASSWORD) => token({ grant_type: 'password', username, password });
  const claims = (accessToken: string | undefined) => decodeJwt(accessToken as string);
  const register = (idNumber: string, fullName = 'Lý Thị Mai', password = PASSWORD) =>
    identity.app.get(RegisterCitizen).execute({ idNumber, fullName, phone: '0912345678', password });
  const verifyAtCounter = async (input: Record<string, unknown>, who: Principal = CLERK) =>
    identity.app.get(VerifyCitizenAtCounter).execute(parseInput(citizenVerifySchema, input) as CitizenVerifyInput, who);
  const account = async (idNumber: string) =>
    ((await identity.dataSource.query('SELECT * FROM accounts WHERE username = $1', [idNumber])) as Record<string, unknown>[])[0];
  const auditOf = async (accountId: string) =>
    (await identity.dataSource.query('SELECT actor, action, before, after FROM audit_log WHERE target_id = $1 ORDER BY seq', [accountId])) as {
      actor: string;
      action: string;
      before: unknown;
      after: Record<string, unknown>;
    }[];

  /** The browser's way: the issuer's sign-in page, its VNeID link, VNeID's page, the callback, then the code for a token. */
  async function signInThroughVneid(citizen: VneidCitizen, decision: 'allow' | 'deny' = 'allow') {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: REDIRECT_URI,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'trang-thai-1',
    });
    const page = await (await fetch(`${issuer}/authorize?${query}`)).text();
    const link = /<a href="([^"]+)">Đăng nhập bằng VNeID<\/a>/.exec(page)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toBeDefined();
    const out = await fetch(new URL(link as string, `${issuer}/authorize`), { redirect: 'manual' });
    expect(out.status).toBe(302);
    const atVneid = out.headers.get('location') as string;
    expect(atVneid.startsWith(`${vneid.issuer}/authorize?`)).toBe(true);
    const callback = await vneid.approve(atVneid, citizen, decision);
    const back = await fetch(callback, { redirect: 'manual' });
    const location = back.headers.get('location');
    return { status: back.status, location: location ? new URL(location) : null, page: location ? '' : await back.text(), verifier, callback };
  }
  const redeem = async (location: URL | null, verifier: string) =>
    token({ grant_type: 'authorization_code', code: location?.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI, code_verifier: verifier });

  beforeAll(async () => {
    database = await createTestDatabase();
    namespace = testNamespace();
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    vneid = await VneidSimulator.start({ clients: [{ ...VNEID_CLIENT, redirectUris: [`${issuer}/federation/vneid/callback`] }] });
    identity = await startBusService(identityService, {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      OIDC_ISSUER: issuer,
      IDENTITY_HTTP_PORT: String(port),
      DEMO_UNITS_FILE: path.join(repoRoot(), 'infra/demo/units.json'),
      VNEID_ISSUER: vneid.issuer,
      VNEID_CLIENT_ID: VNEID_CLIENT.clientId,
      VNEID_CLIENT_SECRET: VNEID_CLIENT.clientSecret,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
  });

  afterAll(async () => {
    await identity?.close();
    await vneid?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  it('answers a registration of a taken ID number exactly as one of a free number, and leaves the taken account untouched', async () => {
    expect(await register('020190000123')).toEqual(REGISTRATION_RECEIVED);
    const first = await account('020190000123');
    expect(await register('020190000123', 'Kẻ Mạo Danh', 'MatKhauKhac@2026')).toEqual(REGISTRATION_RECEIVED);
    expect(await account('020190000123')).toEqual(first);
    expect((await passwordGrant('020190000123', 'MatKhauKhac@2026')).status).toBe(400);
    expect((await auditOf(first!.id as string)).map((entry) => entry.action)).toEqual(['account.created', 'citizen.registration-repeated']);
  });

  it('issues a self-registered account tokens without a verified ID number', async () => {
    await register('020190000777');
    const grant = await passwordGrant('020190000777');
    expect(grant.status).toBe(200);
    expect(claims(grant.body.access_token)).toMatchObject({ mc_kind: 'citizen', preferred_username: '020190000777' });
    expect(claims(grant.body.access_token).mc_verified_id_number).toBeUndefined();
  });

  it('records a clerk’s check at the counter (clerk, document, time), audits it, ends the unproven password, and the next token carries the number', async () => {
    await register('020095001234', 'Nông Văn Dũng');
    const before = await passwordGrant('020095001234');
    const checkedFrom = Date.now();
    const view = await verifyAtCounter({
      idNumber: '020095001234',
      fullName: 'Nông Văn Dũng',
      document: { type: 'can_cuoc', number: '020095001234' },
    });
    expect(view).toMatchObject({ idNumber: '020095001234', method: 'counter', verifiedBy: 'tiepnhan.lvt', document: { type: 'can_cuoc', number: '020095001234' } });
    expect(Date.parse(view.verifiedAt)).toBeGreaterThanOrEqual(checkedFrom - 1000);
    expect(await account('020095001234')).toMatchObject({ verification_method: 'counter', verified_by: 'tiepnhan.lvt' });
    const audit = await auditOf(view.accountId);
    expect(audit.at(-1)).toMatchObject({
      actor: 'tiepnhan.lvt',
      action: 'citizen.verified',
      after: { method: 'counter', verifiedBy: 'tiepnhan.lvt', document: { type: 'can_cuoc', number: '020095001234' }, credentialsReset: true },
    });
    // Whoever registered first set that password without proving anything: it and its sessions end.
    expect((await passwordGrant('020095001234')).status).toBe(400);
    expect((await token({ grant_type: 'refresh_token', refresh_token: before.body.refresh_token as string })).status).toBe(400);

    // A second check changes nothing: the first proof stays on record.
    const again = await verifyAtCounter({ idNumber: '020095001234', fullName: 'Nông Văn Dũng', document: { type: 'ho_chieu', number: 'C1234567' } });
    expect(again).toEqual(view);
  });

  it('opens a proven account at the counter for a citizen who had none', async () => {
    const view = await verifyAtCounter({ idNumber: '020088004567', fullName: 'Hoàng Văn Nam', phone: '0987654321', document: { type: 'ho_chieu', number: 'c7654321' } });
    expect(view).toMatchObject({ fullName: 'Hoàng Văn Nam', method: 'counter', document: { type: 'ho_chieu', number: 'C7654321' } });
    expect((await auditOf(view.accountId)).map((entry) => entry.action)).toEqual(['account.created', 'citizen.verified']);
  });

  it('lets only a counter clerk vouch, and only for a card that bears the ID number', async () => {
    const refused = await verifyAtCounter({ idNumber: '020190000555', fullName: 'Lý Văn Tú', document: { type: 'cccd', number: '020190000555' } }, SPECIALIST).catch(
      (error: AppError) => error,
    );
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    const mismatch = await verifyAtCounter({ idNumber: '020190000555', fullName: 'Lý Văn Tú', document: { type: 'cccd', number: '020190000556' } }).catch(
      (error: AppError) => error,
    );
    expect(mismatch).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((mismatch as AppError).message).toContain('trùng');
    expect(await account('020190000555')).toBeUndefined();
  });

  it('signs a citizen in through VNeID, opening a proven account, and continues the platform’s code flow', async () => {
    const signIn = await signInThroughVneid({ idNumber: '020190000321', fullName: 'Hoàng Thị Lan' });
    expect(signIn.status).toBe(302);
    expect(signIn.location?.origin + (signIn.location?.pathname ?? '')).toBe(REDIRECT_URI);
    expect(signIn.location?.searchParams.get('state')).toBe('trang-thai-1');
    const grant = await redeem(signIn.location, signIn.verifier);
    expect(grant.status).toBe(200);
    expect(claims(grant.body.access_token)).toMatchObject({ mc_kind: 'citizen', mc_verified_id_number: '020190000321', name: 'Hoàng Thị Lan' });
    expect(await account('020190000321')).toMatchObject({ verification_method: 'vneid', verified_by: vneid.issuer, full_name: 'Hoàng Thị Lan' });

    // The callback's state is spent: replaying it is refused on a page, not redirected.
    const replay = await fetch(signIn.callback, { redirect: 'manual' });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain('đăng nhập lại');
  });

  it('gives an account someone else registered with the number back to the person VNeID proves', async () => {
    await register('020190000999', 'Kẻ Mạo Danh', 'MatKhauMaoDanh@1');
    const squatter = await passwordGrant('020190000999', 'MatKhauMaoDanh@1');
    expect(squatter.status).toBe(200);

    const signIn = await signInThroughVneid({ idNumber: '020190000999', fullName: 'Vi Thị Hằng' });
    const grant = await redeem(signIn.location, signIn.verifier);
    expect(claims(grant.body.access_token)).toMatchObject({ mc_verified_id_number: '020190000999', name: 'Vi Thị Hằng' });
    expect(claims(grant.body.access_token).mc_account_id).toBe(claims(squatter.body.access_token).mc_account_id);
    expect((await passwordGrant('020190000999', 'MatKhauMaoDanh@1')).status).toBe(400);
    expect((await token({ grant_type: 'refresh_token', refresh_token: squatter.body.refresh_token as string })).status).toBe(400);
  });

  it('sends a refusal at VNeID back to the client as access_denied, proving nothing', async () => {
    const signIn = await signInThroughVneid({ idNumber: '020190000888', fullName: 'Lương Văn Bình' }, 'deny');
    expect(signIn.status).toBe(302);
    expect(Object.fromEntries(signIn.location?.searchParams ?? [])).toEqual({ error: 'access_denied', state: 'trang-thai-1' });
    expect(await account('020190000888')).toBeUndefined();
  });
});
