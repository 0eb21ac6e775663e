import { randomUUID } from 'node:crypto';
import { AppError, createProcedureRequestSchema, parseInput, putAdoptionRequestSchema } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { AdoptProcedure } from '../src/adoptions/adopt-procedure';
import { GetAdoption } from '../src/adoptions/get-adoption';
import { CreateProcedure } from '../src/procedures/create-procedure';
import { PublishProcedureVersion } from '../src/procedures/publish-procedure-version';
import { WithdrawProcedureVersion } from '../src/procedures/withdraw-procedure-version';
import { citizen, clerk, footprint, lastEvent, provinceAdmin, startCatalog, unitAdmin, validProcedure, type TestCatalog } from './support';

describe('units adopting province procedures', () => {
  let catalog: TestCatalog;
  const specialist = randomUUID();
  const leader = randomUUID();
  const adopt = async (input: Record<string, unknown>, who: Principal = unitAdmin('05983')) =>
    catalog.service.app.get(AdoptProcedure).execute(parseInput(putAdoptionRequestSchema, { unitCode: '05983', code: '1.300001', ...input }), who);
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError);

  beforeAll(async () => {
    catalog = await startCatalog();
    // Published with online "partial", no postal pick-up, postal return allowed (see validProcedure).
    await catalog.service.app.get(CreateProcedure).execute(parseInput(createProcedureRequestSchema, validProcedure('1.300001')), provinceAdmin);
    await catalog.service.app.get(PublishProcedureVersion).execute({ code: '1.300001', version: 1 }, provinceAdmin);
  });

  afterAll(async () => {
    await catalog?.close();
  });

  it('lets the unit admin name handlers per step and narrow the channels', async () => {
    const adoption = await adopt({
      handlers: [
        { step: 'tham-dinh', accountIds: [specialist] },
        { step: 'phe-duyet', accountIds: [leader] },
      ],
      channels: { online: 'none', postalReturn: false },
    });
    expect(adoption).toMatchObject({ unitCode: '05983', code: '1.300001', active: true, updatedBy: 'quantri.05983' });
    expect(adoption.handlers).toEqual([
      { step: 'tham-dinh', accountIds: [specialist] },
      { step: 'phe-duyet', accountIds: [leader] },
    ]);
    const event = await lastEvent<{ unitCode: string; code: string; channels: object }>(
      catalog.service,
      'evt.catalog.adoption.changed',
      (data) => data.unitCode === '05983' && data.code === '1.300001',
    );
    expect(event.data.channels).toEqual({ online: 'none', postalReturn: false });

    const read = await catalog.service.app.get(GetAdoption).execute({ unitCode: '05983', code: '1.300001' }, clerk);
    expect(read).toEqual(adoption);
  });

  it('replaces the adoption on a second PUT', async () => {
    const updated = await adopt({ active: false, handlers: [] }, provinceAdmin);
    expect(updated).toMatchObject({ active: false, handlers: [], channels: {}, updatedBy: 'admin.tinh' });
  });

  it('refuses anyone but a province admin or the admin of that exact unit', async () => {
    const before = await footprint(catalog.service);
    for (const who of [unitAdmin('05977'), clerk, citizen]) {
      expect(await failure(adopt({}, who))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('05983') });
    }
    expect(await footprint(catalog.service)).toEqual(before);
  });

  it.each([
    ['the legal processing time', { processingTime: { value: 1, unit: 'working_days', sameDayCutoff: false } }, 'không được thay đổi thời hạn', '(trường không được phép: processingTime)'],
    ['the fees', { fees: [] }, 'phí, lệ phí', 'fees'],
    ['a wider online service than the province publishes', { channels: { online: 'full' } }, 'không được nâng lên "full"', 'channels.online'],
    ['postal pick-up the procedure does not allow', { channels: { postalPickup: true } }, 'không cho phép tiếp nhận hồ sơ qua bưu chính', 'channels.postalPickup'],
    ['handlers for a step the workflow lacks', { handlers: [{ step: 'tham-dinh-2', accountIds: [specialist] }] }, 'không có bước "tham-dinh-2"', 'handlers.0.step'],
    ['a step assigned twice', { handlers: [{ step: 'tham-dinh', accountIds: [specialist] }, { step: 'tham-dinh', accountIds: [leader] }] }, 'được phân công hai lần', 'handlers.1.step'],
  ])('refuses to change %s, writing nothing', async (_case, input, message, where) => {
    const before = await footprint(catalog.service);
    const error = await failure(adopt(input));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(message) });
    expect(error!.message).toContain(where);
    expect(await footprint(catalog.service)).toEqual(before);
  });

  it('refuses a procedure that is only a draft or has been withdrawn', async () => {
    await catalog.service.app.get(CreateProcedure).execute(parseInput(createProcedureRequestSchema, validProcedure('1.300002')), provinceAdmin);
    expect(await failure(adopt({ code: '1.300002' }))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('chưa được công bố') });
    await catalog.service.app.get(PublishProcedureVersion).execute({ code: '1.300002', version: 1 }, provinceAdmin);
    await catalog.service.app.get(WithdrawProcedureVersion).execute({ code: '1.300002', version: 1, reason: 'Bãi bỏ thử nghiệm' }, provinceAdmin);
    expect(await failure(adopt({ code: '1.300002' }))).toMatchObject({ code: 'CONFLICT' });
    expect(await failure(adopt({ code: '1.399999' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows handlers to staff only', async () => {
    expect(await failure(catalog.service.app.get(GetAdoption).execute({ unitCode: '05983', code: '1.300001' }, citizen))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(catalog.service.app.get(GetAdoption).execute({ unitCode: '05977', code: '1.300001' }, clerk))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
