import { createHash, randomBytes } from 'node:crypto';
import { createDossierModule, dossierService, PROCEDURE_CATALOG } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { VneidSimulator, type VneidClient } from '@mc/vneid-simulator';
import { passwordToken, startInProcess, stubProcedureVersion, type InProcessPlatform } from './support';

const PASSWORD = 'MatKhau@2026!';
const REDIRECT_URI = 'http://127.0.0.1:3000/dang-nhap/xong';

/* The catalog's answer for an online-capable commune procedure, as in dossier.int-spec.ts. */
const VERSION = stubProcedureVersion({
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  components: [{ name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false }],
  result: { type: 'certificate', name: 'Giấy khai sinh' },
  channels: { counter: true, online: 'full', postalPickup: true, postalReturn: true },
});

const onlineSubmission = (idNumber: string, fullName: string) => ({
  procedureCode: VERSION.code,
  channel: 'online',
  receivingUnitCode: '05983',
  applicant: { kind: 'individual', fullName, idNumber, phone: '0912345678' },
  components: [{ name: 'Tờ khai đăng ký khai sinh', digitised: true }],
  returnMethod: 'electronic',
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const shape = (value: unknown): unknown =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)])) : typeof value;

describe('a citizen’s ID number is proven, never just claimed: through the gateway', () => {
  let platform: InProcessPlatform;
  let vneid: VneidSimulator;
  const vneidClient: VneidClient = { clientId: 'mot-cua-lang-son', clientSecret: 'BiMat@VNeID-2026', redirectUris: [] };

  const api = async (token: string | null, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${platform.gateway.url}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever the API answered
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const register = (idNumber: string, fullName = 'Lý Thị Mai', password = PASSWORD) =>
    api(null, 'POST', '/citizens', { idNumber, fullName, phone: '0912345678', password });

  beforeAll(async () => {
    vneid = await VneidSimulator.start({ clients: [vneidClient] });
    const dossier = {
      ...dossierService,
      module: createDossierModule({ catalog: { provide: PROCEDURE_CATALOG, useValue: { versionInForce: async () => VERSION } } }),
    };
    platform = await startInProcess([identityService, dossier], {
      DOSSIER_CALENDAR_SOURCE: 'default-profile',
      VNEID_ISSUER: vneid.issuer,
      VNEID_CLIENT_ID: vneidClient.clientId,
      VNEID_CLIENT_SECRET: vneidClient.clientSecret as string,
    });
    // The identity service's port is chosen at start; VNeID registers its callback as a relying party's would be.
    vneidClient.redirectUris.push(`${platform.issuer}/federation/vneid/callback`);
  });
  afterAll(async () => {
    await platform?.stop();
    await vneid?.close();
  });

  it('answers a registration of a taken ID number and of a new one alike: status, body shape and median time', async () => {
    expect((await register('020190001000')).status).toBe(202);
    const taken: { status: number; body: unknown; ms: number }[] = [];
    const fresh: { status: number; body: unknown; ms: number }[] = [];
    // Interleaved, so that both see the same load on the machine.
    for (let index = 0; index < 15; index += 1) {
      for (const [into, idNumber] of [
        [taken, '020190001000'],
        [fresh, `0201900011${String(index).padStart(2, '0')}`],
      ] as const) {
        const started = performance.now();
        const reply = await register(idNumber);
        into.push({ status: reply.status, body: reply.body, ms: performance.now() - started });
      }
    }
    expect(new Set([...taken, ...fresh].map((reply) => reply.status))).toEqual(new Set([202]));
    expect(new Set([...taken, ...fresh].map((reply) => JSON.stringify(reply.body))).size).toBe(1);
    expect(shape(taken[0]?.body)).toEqual({ status: 'string', message: 'string' });
    const [takenMs, freshMs] = [median(taken.map((reply) => reply.ms)), median(fresh.map((reply) => reply.ms))];
    // Both hash the password (tens of milliseconds); what differs is one small insert.
    expect(Math.abs(takenMs - freshMs)).toBeLessThan(Math.max(10, 0.25 * Math.max(takenMs, freshMs)));
  });

  it('keeps a self-registered account from filing as, or seeing the dossiers of, an ID number it has not proven', async () => {
    // Someone registers a number that is not theirs, and files for it.
    await register('020095002468', 'Kẻ Mạo Danh', 'MatKhauMaoDanh@1');
    const squatter = await passwordToken(platform.issuer, '020095002468', 'MatKhauMaoDanh@1');
    const filed = await api(squatter, 'POST', '/dossiers', onlineSubmission('020095002468', 'Nông Văn Bảo'));
    expect(filed.status).toBe(201);
    expect(filed.body.dossier.representative).toEqual({ username: '020095002468', verifiedIdNumber: null, onBehalfOf: '020095002468' });
    const { code, token } = filed.body.receipt.tracking;
    expect((await api(squatter, 'GET', `/dossiers/${code}`)).status).toBe(404);
    expect((await api(squatter, 'GET', `/dossiers/${code}/history`)).status).toBe(404);
    expect((await api(null, 'GET', `/tracking/${code}?token=${token}`)).status).toBe(200);

    // A clerk who checked the citizen's card at the counter proves the number; the holder now sees the dossier and who filed it.
    const clerk = await passwordToken(platform.issuer, 'tiepnhan.lvt');
    const checked = await api(clerk, 'POST', '/citizens/020095002468/verification', {
      fullName: 'Nông Văn Bảo',
      document: { type: 'can_cuoc', number: '020095002468' },
    });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ method: 'counter', verifiedBy: 'tiepnhan.lvt', document: { type: 'can_cuoc' } });
    // The password set without proof no longer signs anyone in.
    await expect(passwordToken(platform.issuer, '020095002468', 'MatKhauMaoDanh@1')).rejects.toThrow();
    const specialist = await passwordToken(platform.issuer, 'chuyenvien.lvt');
    expect((await api(specialist, 'POST', '/citizens/020095002468/verification', checked.body)).status).toBe(403);
    const badCard = await api(clerk, 'POST', '/citizens/020095002469/verification', { fullName: 'Nông Văn Bảo', document: { type: 'cccd', number: '020095002468' } });
    expect(badCard.status).toBe(400);
    expect(badCard.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('signs a citizen in through VNeID (simulator), who files an online dossier whose applicant is the verified ID number', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URLSearchParams({
      response_type: 'code',
      client_id: 'mot-cua-web',
      redirect_uri: REDIRECT_URI,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'e2e',
    });
    const page = await (await fetch(`${platform.issuer}/authorize?${authorize}`)).text();
    const link = /<a href="([^"]+)">Đăng nhập bằng VNeID<\/a>/.exec(page)?.[1]?.replace(/&amp;/g, '&') as string;
    const toVneid = await fetch(new URL(link, `${platform.issuer}/authorize`), { redirect: 'manual' });
    const callback = await vneid.approve(toVneid.headers.get('location') as string, { idNumber: '020190002222', fullName: 'Hoàng Thị Lan' });
    const back = await fetch(callback, { redirect: 'manual' });
    const code = new URL(back.headers.get('location') as string).searchParams.get('code') as string;
    const grant = (await (
      await fetch(`${platform.issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'mot-cua-web', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
      })
    ).json()) as { access_token: string };

    const filed = await api(grant.access_token, 'POST', '/dossiers', onlineSubmission('020190002222', 'Hoàng Thị Lan'));
    expect(filed.status).toBe(201);
    expect(filed.body.dossier).toMatchObject({ channel: 'online', applicant: { idNumber: '020190002222', fullName: 'Hoàng Thị Lan' }, representative: null });
    const seen = await api(grant.access_token, 'GET', `/dossiers/${filed.body.receipt.code}`);
    expect(seen.status).toBe(200);
    expect(seen.body.applicant.idNumber).toBe('020190002222');

    // Another citizen's number from the same verified account is filed as their representative, not as them.
    const forOther = await api(grant.access_token, 'POST', '/dossiers', onlineSubmission('020088009999', 'Hoàng Văn Tư'));
    expect(forOther.body.dossier.representative).toEqual({ username: '020190002222', verifiedIdNumber: '020190002222', onBehalfOf: '020088009999' });
  });
});
