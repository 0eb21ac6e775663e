import { DataSource } from 'typeorm';
import { AppError } from '@mc/contracts';
import { accepted, counterSubmission, PROVINCE_PROCEDURE_CODE, receiveDossier, startDossier, type TestDossierService } from './support';

describe('receipt rules: the competent unit fits the procedure’s level', () => {
  let running: TestDossierService;
  const footprint = async () =>
    (
      await running.service.app
        .get(DataSource)
        .query('SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM intake_records)::int AS intake, (SELECT count(*) FROM outbox)::int AS outbox')
    )[0];
  const refusal = async (body: Record<string, unknown>) => {
    const before = await footprint();
    const error = await receiveDossier(running, body).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    // Nothing half-written: no dossier, no intake record, no event.
    expect(await footprint()).toEqual(before);
    return { code: (error as AppError).code, message: (error as AppError).message };
  };

  beforeAll(async () => {
    running = await startDossier();
    running.clock.set('2026-04-14T08:00:00+07:00');
  });
  afterAll(() => running?.close());

  it('refuses a commune procedure decided by the province', async () => {
    expect(await refusal(counterSubmission({ competentUnitCode: '20' }))).toEqual({
      code: 'VALIDATION_FAILED',
      message:
        'Thủ tục "Đăng ký kết hôn" thuộc thẩm quyền cấp xã, nhưng đơn vị giải quyết 20 là đơn vị cấp tỉnh. Chọn đơn vị giải quyết cấp xã.',
    });
  });

  it('refuses a provincial procedure decided by the ward that received it', async () => {
    expect(await refusal(counterSubmission({ procedureCode: PROVINCE_PROCEDURE_CODE }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('thuộc thẩm quyền cấp tỉnh, nhưng đơn vị giải quyết 05983 là đơn vị cấp xã'),
    });
  });

  it('accepts each at its own level, a department of the province included', async () => {
    expect(accepted(await receiveDossier(running, counterSubmission())).dossier.competentUnitCode).toBe('05983');
    const provincial = accepted(await receiveDossier(running, counterSubmission({ procedureCode: PROVINCE_PROCEDURE_CODE, competentUnitCode: '20.THUE' })));
    expect(provincial.dossier.competentUnitCode).toBe('20.THUE');
  });
});
