import { DataSource } from 'typeorm';
import {
  AppError,
  createProcedureRequestSchema,
  createVersionRequestSchema,
  parseInput,
  updateVersionRequestSchema,
  versionInForceRequestSchema,
  type ProcedureVersionView,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CreateDraftVersion } from '../src/procedures/create-draft-version';
import { CreateProcedure } from '../src/procedures/create-procedure';
import { GetProcedureVersion } from '../src/procedures/get-procedure-version';
import { GetVersionInForce } from '../src/procedures/get-version-in-force';
import { ListProcedureVersions } from '../src/procedures/list-procedure-versions';
import { PublishProcedureVersion } from '../src/procedures/publish-procedure-version';
import { UpdateDraftVersion } from '../src/procedures/update-draft-version';
import { WithdrawProcedureVersion } from '../src/procedures/withdraw-procedure-version';
import { clerk, footprint, lastEvent, provinceAdmin, startCatalog, validProcedure, type TestCatalog } from './support';

describe('procedure versions', () => {
  let catalog: TestCatalog;
  // Each call goes through the contract's schema, as the transport handler does (async: a parse error rejects).
  const create = async (input: unknown, who: Principal = provinceAdmin) =>
    catalog.service.app.get(CreateProcedure).execute(parseInput(createProcedureRequestSchema, input), who);
  const newDraft = async (code: string, changes: unknown = {}, who: Principal = provinceAdmin) =>
    catalog.service.app.get(CreateDraftVersion).execute(parseInput(createVersionRequestSchema, { code, changes }), who);
  const update = async (code: string, version: number, changes: unknown, who: Principal = provinceAdmin) =>
    catalog.service.app.get(UpdateDraftVersion).execute(parseInput(updateVersionRequestSchema, { code, version, changes }), who);
  const publish = async (code: string, version: number, who: Principal = provinceAdmin) =>
    catalog.service.app.get(PublishProcedureVersion).execute({ code, version }, who);
  const withdraw = async (code: string, version: number, who: Principal = provinceAdmin) =>
    catalog.service.app.get(WithdrawProcedureVersion).execute({ code, version, reason: 'Bãi bỏ theo quyết định của tỉnh' }, who);
  const inForce = async (code: string, at?: string) =>
    catalog.service.app.get(GetVersionInForce).execute(parseInput(versionInForceRequestSchema, { code, at }));
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError);

  beforeAll(async () => {
    catalog = await startCatalog();
  });

  afterAll(async () => {
    await catalog?.close();
  });

  it('creates a draft that is not public until it is published', async () => {
    const draft = await create(validProcedure('1.100001'));
    expect(draft).toMatchObject({ code: '1.100001', version: 1, status: 'draft', fieldName: 'Hộ tịch', publishedAt: null });
    expect(await failure(inForce('1.100001'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(catalog.service.app.get(GetProcedureVersion).execute({ code: '1.100001', version: 1 }, null))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await catalog.service.app.get(GetProcedureVersion).execute({ code: '1.100001', version: 1 }, provinceAdmin)).toMatchObject({
      status: 'draft',
    });

    const published = await publish('1.100001', 1);
    expect(published.status).toBe('published');
    expect(await inForce('1.100001')).toMatchObject({ version: 1, name: 'Đăng ký khai sinh thử nghiệm' });
    const event = await lastEvent<{ code: string; version: number; content: { effectiveFrom: string } }>(
      catalog.service,
      'evt.catalog.procedure.published',
      (data) => data.code === '1.100001',
    );
    expect(event).toMatchObject({ type: 'procedure.published', version: 1, source: 'catalog' });
    expect(event.data).toMatchObject({ version: 1, content: { effectiveFrom: '2026-01-01' } });
  });

  it('keeps the earlier version in force for earlier dates when a later version is published', async () => {
    await publish('1.100002', (await create(validProcedure('1.100002', { effectiveFrom: '2025-07-01' }))).version);
    const v2 = await newDraft('1.100002', { effectiveFrom: '2026-03-01', processingTime: { value: 5, unit: 'working_days', sameDayCutoff: false } });
    expect(v2).toMatchObject({ version: 2, status: 'draft', name: 'Đăng ký khai sinh thử nghiệm' });
    await publish('1.100002', 2);

    const on = async (at: string) => ((await inForce('1.100002', at)) as ProcedureVersionView).version;
    expect(await on('2026-02-28')).toBe(1);
    expect(await on('2026-02-28T23:59:59+07:00')).toBe(1);
    expect(await on('2026-03-01')).toBe(2);
    expect(await on('2025-07-01')).toBe(1);
    expect(await failure(inForce('1.100002', '2025-06-30'))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('30/06/2025') });
    expect((await inForce('1.100002', '2026-02-01')).processingTime.value).toBe(3);
    expect((await inForce('1.100002')).processingTime.value).toBe(5);
  });

  it('refuses a version that would take effect on or before one already published', async () => {
    await publish('1.100003', (await create(validProcedure('1.100003', { effectiveFrom: '2026-03-01' }))).version);
    await newDraft('1.100003', { effectiveFrom: '2026-03-01' });
    const before = await footprint(catalog.service);
    const error = await failure(publish('1.100003', 2));
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('phải sau ngày có hiệu lực của phiên bản 1 (01/03/2026)') });
    expect(await footprint(catalog.service)).toEqual(before);
    expect((await update('1.100003', 2, { effectiveFrom: '2026-04-01' })).effectiveFrom).toBe('2026-04-01');
    expect((await publish('1.100003', 2)).status).toBe('published');
  });

  it('never changes a published version, through the use case or behind it', async () => {
    await publish('1.100004', (await create(validProcedure('1.100004'))).version);
    const before = await footprint(catalog.service);
    const error = await failure(update('1.100004', 1, { name: 'Tên khác' }));
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('đã công bố, không được sửa') });
    expect(await failure(publish('1.100004', 1))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(await footprint(catalog.service)).toEqual(before);
    expect((await inForce('1.100004')).name).toBe('Đăng ký khai sinh thử nghiệm');

    const dataSource = catalog.service.app.get(DataSource);
    await expect(dataSource.query(`UPDATE procedure_versions SET name = 'Sửa lén' WHERE procedure_code = '1.100004'`)).rejects.toThrow(
      'is immutable',
    );
    await expect(dataSource.query(`DELETE FROM procedure_versions WHERE procedure_code = '1.100004'`)).rejects.toThrow('cannot be deleted');
  });

  it('withdraws a version from now on; earlier days still find it, and nothing older comes back', async () => {
    await publish('1.100005', (await create(validProcedure('1.100005', { effectiveFrom: '2025-07-01' }))).version);
    await newDraft('1.100005', { effectiveFrom: '2026-01-01' });
    await publish('1.100005', 2);

    const withdrawn = await withdraw('1.100005', 2);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Bãi bỏ theo quyết định của tỉnh' });
    expect(await failure(inForce('1.100005'))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('không có phiên bản nào có hiệu lực') });
    expect((await inForce('1.100005', '2026-02-01')).version).toBe(2);
    expect((await inForce('1.100005', '2025-12-31')).version).toBe(1);
    const event = await lastEvent<{ code: string; reason: string }>(catalog.service, 'evt.catalog.procedure.withdrawn', (data) => data.code === '1.100005');
    expect(event.data).toMatchObject({ version: 2, reason: 'Bãi bỏ theo quyết định của tỉnh', effectiveFrom: '2026-01-01' });

    expect(await failure(withdraw('1.100005', 2))).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('đã được thu hồi') });
    await newDraft('1.100005', { effectiveFrom: '2026-06-01' });
    expect(await failure(withdraw('1.100005', 3))).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('chưa công bố') });
  });

  it('starts a new version as a copy of the latest, one draft at a time', async () => {
    await publish('1.100006', (await create(validProcedure('1.100006'))).version);
    const draft = await newDraft('1.100006', { fees: [{ kind: 'free', name: 'Lệ phí', description: 'Miễn lệ phí', currency: 'VND' }] });
    expect(draft).toMatchObject({ version: 2, status: 'draft', fees: [{ kind: 'free' }], workflow: expect.any(Array) });
    expect(await failure(newDraft('1.100006'))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('bản nháp phiên bản 2') });
    const versions = await catalog.service.app.get(ListProcedureVersions).execute('1.100006', null);
    expect(versions.map((version) => version.status)).toEqual(['published']);
    expect((await catalog.service.app.get(ListProcedureVersions).execute('1.100006', provinceAdmin)).map((version) => version.version)).toEqual([1, 2]);
  });

  it('lets only province admins change the catalogue', async () => {
    await create(validProcedure('1.100007'));
    const before = await footprint(catalog.service);
    for (const attempt of [create(validProcedure('1.100008'), clerk), publish('1.100007', 1, clerk), update('1.100007', 1, { name: 'X' }, clerk)]) {
      expect(await failure(attempt)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('quản trị viên cấp tỉnh') });
    }
    expect(await footprint(catalog.service)).toEqual(before);
  });

  describe('bad input is refused with a message a clerk can act on, and nothing is written', () => {
    const shares = [10, 60, 20, 5];
    const workflow = (validProcedure('1.000000').workflow as { sharePercent: number }[]).map((step, index) => ({ ...step, sharePercent: shares[index] }));

    it.each([
      ['a negative processing time', '1.200001', { processingTime: { value: -1, unit: 'working_days', sameDayCutoff: false } }, 'processingTime.value', 'không được âm'],
      ['a processing time of 10,000 days', '1.200002', { processingTime: { value: 10_000, unit: 'days', sameDayCutoff: false } }, 'processingTime.value', 'tối đa 3650 ngày'],
      ['an unknown field', '1.200003', { field: 'thue_quan' }, 'field', 'Lĩnh vực phải là một trong: ho_tich'],
      ['a fee without a currency', '1.200004', { fees: [{ kind: 'fixed', name: 'Lệ phí', amount: 8000 }] }, 'fees.0.currency', 'Thiếu đơn vị tiền tệ'],
      ['a fee in another currency', '1.200005', { fees: [{ kind: 'fixed', name: 'Lệ phí', amount: 8, currency: 'USD' }] }, 'fees.0.currency', 'chỉ được là "VND"'],
      ['step shares that add up to 95%', '1.200006', { workflow }, 'workflow', 'phải đúng 100% (hiện là 95%)'],
      ['a malformed procedure code', '1.2000X7', {}, 'code', 'Mã thủ tục không đúng định dạng'],
      ['a vertical agency procedure at commune level', '1.200008', { agency: { kind: 'vertical_agency', name: 'Công an' } }, 'agency.kind', 'cơ quan ngành dọc'],
    ])('%s', async (_case, code, overrides, path, message) => {
      const before = await footprint(catalog.service);
      const error = await failure(create(validProcedure(code, overrides)));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(message) });
      expect((error!.details as { issues: { path: string }[] }).issues[0]!.path).toBe(path);
      expect(await footprint(catalog.service)).toEqual(before);
    });

    it('a duplicate procedure code', async () => {
      await create(validProcedure('1.200009'));
      const before = await footprint(catalog.service);
      const error = await failure(create(validProcedure('1.200009', { name: 'Thủ tục khác' })));
      expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đã có trong danh mục') });
      expect(await footprint(catalog.service)).toEqual(before);
    });

    it('an edit that breaks a rule leaves the draft as it was', async () => {
      const draft = await create(validProcedure('1.200010'));
      const before = await footprint(catalog.service);
      const error = await failure(update('1.200010', 1, { workflow }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('100%') });
      expect(await failure(update('1.200010', 1, { fees: [] }))).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await footprint(catalog.service)).toEqual(before);
      const stored = await catalog.service.app.get(GetProcedureVersion).execute({ code: '1.200010', version: 1 }, provinceAdmin);
      expect(stored).toEqual(draft);
    });
  });
});
