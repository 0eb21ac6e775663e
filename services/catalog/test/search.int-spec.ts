import { CatalogSubjects, createProcedureRequestSchema, parseInput, type ProcedureSearchPage, type ProcedureVersionView } from '@mc/contracts';
import { Bus, NatsClientProxy, RemoteError } from '@mc/messaging';
import { testNatsUrl } from '@mc/local-infra';
import { CreateDraftVersion } from '../src/procedures/create-draft-version';
import { CreateProcedure } from '../src/procedures/create-procedure';
import { LoadDemoCatalog } from '../src/procedures/load-demo-catalog';
import { PublishProcedureVersion } from '../src/procedures/publish-procedure-version';
import { WithdrawProcedureVersion } from '../src/procedures/withdraw-procedure-version';
import { vietnamDate as vietnamDay } from '@mc/working-calendar';
import { DEMO_CATALOG_FILE, provinceAdmin, startCatalog, validProcedure, type TestCatalog } from './support';

/** What citizens type, without Vietnamese marks, and the procedure they are looking for. */
const QUERIES: [string, string][] = [
  ['dang ky khai sinh', '1.001193'],
  ['DANG KY KHAI SINH', '1.001193'],
  ['khai sinh co yeu to nuoc ngoai', '2.000528'],
  ['dang ky ket hon', '1.000894'],
  ['ket hon nuoc ngoai', '2.000806'],
  ['khai tu', '1.000656'],
  ['dang ky lai khai sinh', '1.004884'],
  ['xac nhan tinh trang hon nhan', '1.004873'],
  ['ban sao trich luc ho tich', '2.000635'],
  ['chung thuc ban sao', '2.000815.000.00.00.H38'],
  ['chung thuc chu ky', '2.000884'],
  ['chung thuc di chuc', '2.001019'],
  ['thanh lap ho kinh doanh', '1.001612'],
  ['tam ngung kinh doanh', '1.001570'],
  ['giay phep xay dung nha o', '1.013225'],
  ['dang ky tam tru', '1.004194'],
  ['xoa dang ky thuong tru', '1.003197'],
  ['xac dinh muc do khuyet tat', '1.001699'],
  ['tro cap xa hoi hang thang', '1.001776'],
  ['ho tro mai tang', '1.001731'],
  ['giay phep lao dong nguoi nuoc ngoai', '1.014199'],
  ['nuoi con nuoi', '2.001263'],
  ['2.000815', '2.000815.000.00.00.H38'],
  ['1.001193', '1.001193'],
];

describe('searching the catalogue', () => {
  let catalog: TestCatalog;
  let bus: Bus;
  let client: NatsClientProxy;
  // Over NATS, with no token: the search is public.
  const search = (query: Record<string, unknown>) => client.request<ProcedureSearchPage>(CatalogSubjects.search, query);
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as RemoteError);

  beforeAll(async () => {
    catalog = await startCatalog({ DEMO_CATALOG_FILE });
    bus = await Bus.connect({ url: testNatsUrl(), namespace: catalog.namespace, service: 'gateway' });
    client = new NatsClientProxy(bus, 5_000);
  });

  afterAll(async () => {
    await bus?.close();
    await catalog?.close();
  });

  it('loads the demo catalogue once: a restart leaves existing procedures alone', async () => {
    expect((await search({})).total).toBe(62);
    expect(await catalog.service.app.get(LoadDemoCatalog).execute(DEMO_CATALOG_FILE)).toBe(0);
    expect((await search({})).total).toBe(62);
  });

  it.each(QUERIES)('"%s" finds %s first', async (q, code) => {
    const page = await search({ q });
    expect(page.items[0]?.code).toBe(code);
  });

  it('answers with what a citizen needs to choose', async () => {
    const [hit] = (await search({ q: 'dang ky khai sinh', limit: 1 })).items;
    expect(hit).toEqual({
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      field: 'ho_tich',
      fieldName: 'Hộ tịch',
      level: 'commune',
      agencyName: 'Ủy ban nhân dân cấp xã',
      processingTime: { value: 0, unit: 'working_days', sameDayCutoff: true },
      online: 'full',
      version: 1,
      effectiveFrom: '2025-07-01',
    });
  });

  it('filters by field and level', async () => {
    const certification = await search({ field: 'chung_thuc', limit: 50 });
    expect(certification.total).toBe(11);
    expect(certification.items.every((item) => item.field === 'chung_thuc')).toBe(true);
    const province = await search({ level: 'province', q: 'giay phep' });
    expect(province.items.map((item) => item.code)).toEqual(expect.arrayContaining(['1.014199', '1.014200', '1.014201']));
    expect(province.items.every((item) => item.level === 'province')).toBe(true);
    expect((await search({ q: 'khai sinh', field: 'cu_tru' })).total).toBe(0);
  });

  it('pages by offset and by cursor to the same results', async () => {
    const all = await search({ q: 'dang ky', limit: 50 });
    expect(all.total).toBeGreaterThan(20);
    const codes = all.items.map((item) => item.code);

    const byOffset = [];
    for (let offset = 0; offset < all.total; offset += 7) byOffset.push(...(await search({ q: 'dang ky', limit: 7, offset })).items);
    expect(byOffset.map((item) => item.code)).toEqual(codes);

    const byCursor = [];
    let page = await search({ q: 'dang ky', limit: 7 });
    byCursor.push(...page.items);
    while (page.nextCursor) {
      page = await search({ q: 'dang ky', limit: 7, cursor: page.nextCursor });
      byCursor.push(...page.items);
    }
    expect(byCursor.map((item) => item.code)).toEqual(codes);
    expect(page).toMatchObject({ nextCursor: null, total: all.total });
  });

  it('refuses bad paging with a clear message', async () => {
    expect(await failure(search({ limit: 51 }))).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('tối đa là 50') });
    expect(await failure(search({ limit: '0' }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await failure(search({ offset: 5, cursor: 'x' }))).toMatchObject({ message: expect.stringContaining('offset hoặc cursor') });
    const { nextCursor } = await search({ q: 'dang ky', limit: 5 });
    expect(await failure(search({ q: 'chung thuc', cursor: nextCursor }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Con trỏ phân trang không hợp lệ'),
    });
    expect(await failure(search({ field: 'khong_co' }))).toMatchObject({ message: expect.stringContaining('Lĩnh vực') });
  });

  it('treats query-string values as the gateway passes them', async () => {
    const page = await search({ q: 'ket hon', field: '', level: '', limit: '3', offset: '0' });
    expect(page).toMatchObject({ limit: 3, offset: 0 });
    expect(page.items[0]?.code).toBe('1.000894');
  });

  it('lists only published versions in force, and sees changes at once', async () => {
    const app = catalog.service.app;
    const found = async (q: string) => (await search({ q, limit: 50 })).items.filter((item) => item.code === '3.000001');
    const today = vietnamDay(new Date());
    await app.get(CreateProcedure).execute(
      parseInput(createProcedureRequestSchema, validProcedure('3.000001', { name: 'Cấp phép thả diều trên đê', effectiveFrom: today })),
      provinceAdmin,
    );
    expect(await found('tha dieu')).toEqual([]);

    await app.get(PublishProcedureVersion).execute({ code: '3.000001', version: 1 }, provinceAdmin);
    expect((await search({ q: 'tha dieu' })).items[0]?.code).toBe('3.000001');

    // A renamed version that takes effect next year: today's name stays searchable, the new one not yet.
    await app.get(CreateDraftVersion).execute({ code: '3.000001', changes: { name: 'Cấp phép thả diều và bay flycam', effectiveFrom: '2099-01-01' } }, provinceAdmin);
    await app.get(PublishProcedureVersion).execute({ code: '3.000001', version: 2 }, provinceAdmin);
    expect(await found('flycam')).toEqual([]);
    expect(await found('tha dieu')).toEqual([expect.objectContaining({ name: 'Cấp phép thả diều trên đê', version: 1 })]);

    await app.get(WithdrawProcedureVersion).execute({ code: '3.000001', version: 1, reason: 'Bãi bỏ thử nghiệm' }, provinceAdmin);
    expect(await found('tha dieu')).toEqual([]);
    const current = await client.request<ProcedureVersionView>(CatalogSubjects.versionInForce, { code: '3.000001', at: '2099-01-02' });
    expect(current).toMatchObject({ version: 2, name: 'Cấp phép thả diều và bay flycam' });
  });
});
