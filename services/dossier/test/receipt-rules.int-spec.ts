import { DataSource } from 'typeorm';
import { AppError } from '@mc/contracts';
import {
  accepted,
  actOnDossier,
  counterSubmission,
  leader,
  principal,
  PROVINCE_PROCEDURE_CODE,
  receiveDossier,
  startDossier,
  type TestDossierService,
} from './support';

const EXTENSION = { reason: 'Gia hạn theo thỏa thuận bằng văn bản với người yêu cầu.', extendBy: { value: 2, unit: 'working_days' } };

describe('receipt and workflow rules', () => {
  let running: TestDossierService;
  const footprint = async () =>
    (
      await running.service.app
        .get(DataSource)
        .query('SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM intake_records)::int AS intake, (SELECT count(*) FROM dossier_history)::int AS history')
    )[0];
  const refusal = async (attempt: () => Promise<unknown>) => {
    const before = await footprint();
    const error = await attempt().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    // Nothing half-written: no dossier, no intake record, no history entry (an event is written with one).
    expect(await footprint()).toEqual(before);
    return { code: (error as AppError).code, message: (error as AppError).message };
  };

  beforeAll(async () => {
    running = await startDossier();
    running.clock.set('2026-04-14T08:00:00+07:00');
  });
  afterAll(() => running?.close());

  it('refuses a commune procedure decided by the province', async () => {
    expect(await refusal(() => receiveDossier(running, counterSubmission({ competentUnitCode: '20' })))).toEqual({
      code: 'VALIDATION_FAILED',
      message:
        'Thủ tục "Đăng ký kết hôn" thuộc thẩm quyền cấp xã, nhưng đơn vị giải quyết 20 là đơn vị cấp tỉnh. Chọn đơn vị giải quyết cấp xã.',
    });
  });

  it('refuses a provincial procedure decided by the ward that received it', async () => {
    expect(await refusal(() => receiveDossier(running, counterSubmission({ procedureCode: PROVINCE_PROCEDURE_CODE })))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('thuộc thẩm quyền cấp tỉnh, nhưng đơn vị giải quyết 05983 là đơn vị cấp xã'),
    });
  });

  it('accepts each at its own level, a department of the province included', async () => {
    expect(accepted(await receiveDossier(running, counterSubmission())).dossier.competentUnitCode).toBe('05983');
    const provincial = accepted(await receiveDossier(running, counterSubmission({ procedureCode: PROVINCE_PROCEDURE_CODE, competentUnitCode: '20.THUE' })));
    expect(provincial.dossier.competentUnitCode).toBe('20.THUE');
  });

  it('lets a leader extend a dossier as often as its procedure allows, once by default, and no more', async () => {
    running.clock.set('2026-05-11T08:00:00+07:00');
    const { dossier } = accepted(await receiveDossier(running, counterSubmission()));
    running.clock.set('2026-05-14T10:00:00+07:00');
    expect(await actOnDossier(running, dossier.id, 'extend', leader, EXTENSION)).toMatchObject({ dueAtDisplay: '17:00 18/05/2026' });
    expect(await refusal(() => actOnDossier(running, dossier.id, 'extend', leader, EXTENSION))).toEqual({
      code: 'VALIDATION_FAILED',
      message: `Hồ sơ ${dossier.code} đã được gia hạn 1 lần, bằng số lần tối đa thủ tục "Đăng ký kết hôn" cho phép (1 lần). Nếu không trả kết quả đúng hẹn, gửi văn bản xin lỗi và hẹn lại ngày trả kết quả.`,
    });
  });

  it('refuses any extension of a procedure that allows none', async () => {
    running.clock.set('2026-05-11T08:00:00+07:00');
    const { dossier } = accepted(await receiveDossier(running, counterSubmission({ procedureCode: PROVINCE_PROCEDURE_CODE, competentUnitCode: '20' })));
    running.clock.set('2026-05-12T10:00:00+07:00');
    const provinceLeader = principal('lanhdao.tinh', 'leader', '20');
    expect(await refusal(() => actOnDossier(running, dossier.id, 'extend', provinceLeader, EXTENSION))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('không cho phép gia hạn'),
    });
  });
});
