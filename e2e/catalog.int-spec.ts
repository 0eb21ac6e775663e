import path from 'node:path';
import { catalogService } from '@mc/catalog';
import { identityService } from '@mc/identity';
import { repoRoot } from '@mc/local-infra';
import { passwordToken, startInProcess, type InProcessPlatform } from './support';

const DEMO_CATALOG_FILE = path.join(repoRoot(), 'infra/demo/catalog/procedures.json');

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The catalogue routes through the gateway, with real tokens from the identity service. */
describe('the procedure catalogue through the gateway', () => {
  let platform: InProcessPlatform;
  let admin: string;
  let clerk: string;

  const api = async (token: string | null, method: string, route: string, body?: unknown): Promise<Reply> => {
    const response = await fetch(`${platform.gateway.url}/api/v1/catalog${route}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  const draft = (code: string, overrides: Record<string, unknown> = {}) => ({
    code,
    name: 'Cấp giấy phép tổ chức lễ hội thử nghiệm',
    field: 'van_hoa',
    level: 'province',
    agency: { kind: 'specialised_agency', name: 'Sở Văn hóa, Thể thao và Du lịch' },
    processingTime: { value: 10, unit: 'working_days', sameDayCutoff: false },
    fees: [{ kind: 'free', name: 'Lệ phí', description: 'Không thu lệ phí', currency: 'VND' }],
    components: [{ name: 'Văn bản đề nghị', copyType: 'original', quantity: 1, reusable: false }],
    result: { type: 'license', name: 'Giấy phép' },
    channels: { counter: true, online: 'full', postalPickup: true, postalReturn: true },
    legalBasis: ['Nghị định số 110/2018/NĐ-CP'],
    workflow: [
      { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận', role: 'clerk', sharePercent: 5 },
      { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 70 },
      { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
      { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 5 },
    ],
    effectiveFrom: '2026-01-01',
    ...overrides,
  });

  beforeAll(async () => {
    platform = await startInProcess([identityService, catalogService], { DEMO_CATALOG_FILE });
    [admin, clerk] = await Promise.all([passwordToken(platform.issuer, 'admin.tinh'), passwordToken(platform.issuer, 'tiepnhan.lvt')]);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('lets anyone search without logging in, typing without accents', async () => {
    const { status, body } = await api(null, 'GET', '/procedures?q=dang%20ky%20khai%20sinh&limit=3');
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({ code: '1.001193', name: 'Đăng ký khai sinh', fieldName: 'Hộ tịch' });
    expect(body).toMatchObject({ total: expect.any(Number), limit: 3, offset: 0, nextCursor: expect.any(String) });

    const filtered = await api(null, 'GET', '/procedures?field=chung_thuc&level=commune&q=');
    expect(filtered.body.items.every((item: { field: string }) => item.field === 'chung_thuc')).toBe(true);
    expect((await api(null, 'GET', '/fields')).body).toContainEqual({ code: 'ho_tich', name: 'Hộ tịch' });
  });

  it('serves a procedure in force today and the version in force on a given day', async () => {
    const current = await api(null, 'GET', '/procedures/1.001193');
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ version: 1, status: 'published', processingTime: { sameDayCutoff: true } });
    expect(current.body.fees[0].currency).toBe('VND');

    const before = await api(null, 'GET', '/procedures/1.001193/versions/in-force?at=2025-06-30');
    expect(before.status).toBe(404);
    expect(before.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('30/06/2025') });
  });

  it('maps bad requests to 4xx with a Vietnamese message', async () => {
    const tooMany = await api(null, 'GET', '/procedures?limit=51');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('tối đa là 50') });
    expect((await api(null, 'GET', '/procedures/abc')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await api(null, 'POST', '/procedures', draft('1.900001'))).status).toBe(401);

    const noCurrency = await api(admin, 'POST', '/procedures', draft('1.900001', { fees: [{ kind: 'fixed', name: 'Phí', amount: 1000 }] }));
    expect(noCurrency.status).toBe(400);
    expect(noCurrency.body.error.message).toContain('Thiếu đơn vị tiền tệ');
    const duplicate = await api(admin, 'POST', '/procedures', draft('1.001193'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('CONFLICT');
  });

  it('takes a procedure from draft to published to a second version and a withdrawal, for province admins only', async () => {
    const created = await api(admin, 'POST', '/procedures', draft('1.900002'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft' });
    expect((await api(admin, 'PATCH', '/procedures/1.900002/versions/1', { name: 'Cấp giấy phép tổ chức lễ hội' })).body.name).toBe(
      'Cấp giấy phép tổ chức lễ hội',
    );

    const byClerk = await api(clerk, 'POST', '/procedures/1.900002/versions/1/publish');
    expect(byClerk.status).toBe(403);
    expect(byClerk.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('quản trị viên cấp tỉnh') });
    expect((await api(null, 'GET', '/procedures/1.900002')).status).toBe(404);

    expect((await api(admin, 'POST', '/procedures/1.900002/versions/1/publish')).status).toBe(200);
    const edit = await api(admin, 'PATCH', '/procedures/1.900002/versions/1', { name: 'Đổi tên' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('ILLEGAL_TRANSITION');

    const v2 = await api(admin, 'POST', '/procedures/1.900002/versions', { effectiveFrom: '2026-03-01', processingTime: { value: 7, unit: 'working_days', sameDayCutoff: false } });
    expect(v2.status).toBe(201);
    expect((await api(admin, 'POST', '/procedures/1.900002/versions/2/publish')).status).toBe(200);
    expect((await api(null, 'GET', '/procedures/1.900002/versions/in-force?at=2026-02-28')).body.version).toBe(1);
    expect((await api(null, 'GET', '/procedures/1.900002/versions/in-force?at=2026-03-01')).body.version).toBe(2);
    expect((await api(null, 'GET', '/procedures/1.900002/versions')).body.map((version: { version: number }) => version.version)).toEqual([1, 2]);

    const noReason = await api(admin, 'POST', '/procedures/1.900002/versions/2/withdraw', {});
    expect(noReason.status).toBe(400);
    const withdrawn = await api(admin, 'POST', '/procedures/1.900002/versions/2/withdraw', { reason: 'Bãi bỏ theo quyết định của UBND tỉnh' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await api(null, 'GET', '/procedures/1.900002')).status).toBe(404);
  });

  it('lets a unit adopt a procedure without touching its legal time or fees', async () => {
    const adopted = await api(admin, 'PUT', '/units/05983/adoptions/1.001193', { handlers: [], channels: { online: 'partial' } });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ unitCode: '05983', code: '1.001193', active: true, channels: { online: 'partial' } });
    expect((await api(clerk, 'GET', '/units/05983/adoptions/1.001193')).body).toEqual(adopted.body);

    expect((await api(clerk, 'PUT', '/units/05983/adoptions/1.001193', {})).status).toBe(403);
    const longer = await api(admin, 'PUT', '/units/05983/adoptions/1.001193', { processingTime: { value: 5, unit: 'working_days', sameDayCutoff: false } });
    expect(longer.status).toBe(400);
    expect(longer.body.error.message).toContain('không được thay đổi thời hạn');
  });
});
