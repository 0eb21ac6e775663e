import { randomUUID } from 'node:crypto';
import { adoptionChangedV1, documentDigitisedV1, documentReusedV1, indicatorsRequestSchema, parseInput, procedurePublishedV1, procedureWithdrawnV1, type IndicatorView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { GetIndicators } from '../src/indicators/get-indicators';
import { PAYMENT_UNAVAILABLE, PORTAL_SYNC_UNAVAILABLE } from '../src/indicators/indicator-definitions';
import { envelope, failure, otherWardAdmin, provinceAdmin, startQualityReports, wardLeader, type QualityReports } from './indicators-support';

const DAY_MS = 86_400_000;
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };
/** A moment well after October, so "in progress at the end" means at 00:00 on 01/11/2026 in Vietnam. */
const NOW = new Date('2026-12-01T00:00:00+07:00');

/** A version's content as the catalog publishes it. */
const content = (name: string, online: 'full' | 'partial' | 'none', fee: number, effectiveFrom = '2026-01-01') => ({
  name,
  field: 'ho_tich',
  level: 'commune',
  agency: { kind: 'people_committee', name: 'Ủy ban nhân dân cấp xã' },
  processingTime: { value: 3, unit: 'working_days', sameDayCutoff: false },
  fees: fee > 0 ? [{ kind: 'fixed', name: 'Lệ phí', amount: fee, currency: 'VND' }] : [{ kind: 'free', name: 'Lệ phí', description: 'Miễn lệ phí', currency: 'VND' }],
  components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
  result: { type: 'certificate', name: 'Giấy chứng nhận' },
  channels: { counter: true, online, postalPickup: true, postalReturn: true },
  legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
  workflow: [
    { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận', role: 'clerk', sharePercent: 10 },
    { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 60 },
    { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
    { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
  ],
  effectiveFrom,
});

describe('QĐ 766 indicators from the projection', () => {
  let reports: QualityReports;
  const indicators = async (input: Record<string, unknown>, who: Principal = provinceAdmin) => {
    const report = await reports.use(GetIndicators).execute(parseInput(indicatorsRequestSchema, input), who, NOW);
    return { report, byKey: Object.fromEntries(report.indicators.map((indicator) => [indicator.key, indicator])) as Record<string, IndicatorView> };
  };

  const daily = (day: string, unit: string, procedure: string, channel: number, counters: Record<string, number>) => {
    const columns = Object.keys(counters);
    return reports.sql(
      `INSERT INTO daily_stats (day, unit_code, procedure_code, channel_code, ${columns.join(', ')})
       VALUES ($1, $2, $3, $4, ${columns.map((_, index) => `$${index + 5}`).join(', ')})`,
      [day, unit, procedure, channel, ...Object.values(counters)],
    );
  };
  const fact = (unit: string, receivedAt: string, dueAt: string, finishedAt: string | null, lateForReporting = false) =>
    reports.sql(
      `INSERT INTO dossier_facts (dossier_id, code, procedure_code, channel_code, receiving_unit_code, competent_unit_code,
                                  received_at, due_at, finished_at, state, outcome, late_for_reporting, last_event_at)
       VALUES ($1, $2, 'P1', 1, $3, $3, $4, $5, $6, $7, $8, $9, now())`,
      [randomUUID(), `${unit}-${randomUUID().slice(0, 8)}`, unit, receivedAt, dueAt, finishedAt, finishedAt ? 'returned' : 'processing', finishedAt ? 'on_time' : null, lateForReporting],
    );

  beforeAll(async () => {
    reports = await startQualityReports();

    // October at Phường Lương Văn Tri (its own rows and its department's), counted by hand in each test.
    await daily('2026-10-05', '05983', 'P1', 1, {
      received: 10, received_digitised: 6, components: 20, components_digitised: 15, components_reused: 4,
      early: 3, on_time: 4, late: 1, refused: 1, results_issued: 8, electronic_results: 5, returned: 7, returned_by_post: 2,
      processing_ms: 8 * DAY_MS, ratings: 4, ratings_dissatisfied: 1,
    });
    await daily('2026-10-20', '05983.PVHXH', 'P2', 2, {
      received: 6, received_digitised: 6, components: 10, components_digitised: 10, components_reused: 4,
      early: 1, on_time: 1, results_issued: 2, electronic_results: 2, processing_ms: 2 * DAY_MS,
    });
    await daily('2026-10-31', '05983', 'P1', 3, { received: 4, components: 8 });
    // Outside the period, and another ward: never counted.
    await daily('2026-09-30', '05983', 'P1', 1, { received: 100, late: 50 });
    await daily('2026-11-01', '05983', 'P1', 2, { received: 100 });
    await daily('2026-10-10', '05977', 'P1', 2, { received: 50, early: 50 });

    // Open at 00:00 on 01/11: one on time, one past due, one counted late for a second supplement request.
    await fact('05983', '2026-10-25T09:00:00+07:00', '2026-11-05T17:00:00+07:00', null);
    await fact('05983.PVHXH', '2026-10-10T09:00:00+07:00', '2026-10-20T17:00:00+07:00', null);
    await fact('05983', '2026-10-28T09:00:00+07:00', '2026-11-10T17:00:00+07:00', null, true);
    // Finished before the end, received after it, or another ward's: not in progress at the end.
    await fact('05983', '2026-10-02T09:00:00+07:00', '2026-10-07T17:00:00+07:00', '2026-10-06T10:00:00+07:00');
    await fact('05983', '2026-11-02T09:00:00+07:00', '2026-11-05T17:00:00+07:00', null);
    await fact('05977', '2026-10-02T09:00:00+07:00', '2026-10-07T17:00:00+07:00', null);

    // The catalog: P1 partly online with a fee, P2 fully online and free, P3 counter only with a fee,
    // P4 withdrawn on 15/10 (its withdrawal handled before its publication), P5 only in force from 2027.
    const publish = (code: string, version: number, body: ReturnType<typeof content>) =>
      reports.publish(
        procedurePublishedV1,
        envelope(procedurePublishedV1, { code, version, content: body, publishedAt: '2025-12-01T00:00:00.000Z', publishedBy: 'admin.tinh' }, '2025-12-01T00:00:00.000Z'),
      );
    await reports.publish(
      procedureWithdrawnV1,
      envelope(
        procedureWithdrawnV1,
        { code: 'P4', version: 1, effectiveFrom: '2026-01-01', reason: 'Bãi bỏ theo quyết định công bố mới', withdrawnAt: '2026-10-15T03:00:00.000Z', withdrawnBy: 'admin.tinh' },
        '2026-10-15T03:00:00.000Z',
      ),
    );
    await reports.consumed(procedureWithdrawnV1);
    await publish('P1', 1, content('Đăng ký khai sinh', 'partial', 8_000));
    await publish('P2', 1, content('Đăng ký kết hôn', 'full', 0));
    await publish('P3', 1, content('Chứng thực bản sao', 'none', 2_000));
    await publish('P4', 1, content('Thủ tục đã bãi bỏ', 'full', 0));
    await publish('P5', 1, content('Thủ tục mới', 'full', 0, '2027-01-01'));
    const adopt = (unitCode: string, code: string, online: 'full' | 'partial' | 'none' | undefined, active = true, changedAt = '2026-02-01T00:00:00.000Z') =>
      reports.publish(
        adoptionChangedV1,
        envelope(adoptionChangedV1, { unitCode, code, active, handlers: [], channels: online ? { online } : {}, changedAt, changedBy: 'quantri.lvt' }, changedAt),
      );
    await adopt('05983', 'P1', undefined);
    await adopt('05983', 'P2', 'none');
    await adopt('05983.PVHXH', 'P2', undefined);
    await adopt('05983', 'P3', undefined);
    await adopt('05983', 'P4', undefined);
    await adopt('05983', 'P5', undefined);
    // Suspended later; the older adoption handled afterwards must not bring it back.
    await adopt('05983', 'P6', undefined, false, '2026-05-01T00:00:00.000Z');
    await reports.consumed(adoptionChangedV1);
    await adopt('05983', 'P6', 'full', true, '2026-03-01T00:00:00.000Z');
    await publish('P6', 1, content('Thủ tục đã ngừng áp dụng', 'full', 0));
    await reports.consumed(procedurePublishedV1, adoptionChangedV1);
  });
  afterAll(async () => {
    await reports?.close();
  });

  it('computes each indicator for a ward and the units under it, as counted by hand', async () => {
    const { report, byKey } = await indicators({ unitCode: '05983', ...OCTOBER });
    expect(report).toMatchObject({ unit: { code: '05983', name: 'Phường Lương Văn Tri' }, fromDisplay: '01/10/2026', toDisplay: '31/10/2026' });
    // (3+1 early + 4+1 on time + 1 open on time) / (10 finished + 3 open) = 10/13
    expect(byKey.on_time_rate).toMatchObject({ value: 10 / 13, valueDisplay: '76,92%', score: 15.38 });
    // 10 days over 10 dossiers
    expect(byKey.average_processing_time).toMatchObject({ valueDisplay: '1,00 ngày' });
    // 6 online of 20 received
    expect(byKey.online_dossier_share).toMatchObject({ value: 0.3, valueDisplay: '30,00%', score: 2.64 });
    // P1 partial, P2 full (the department offers it fully even if the ward does not), P3 none: 2 of 3
    expect(byKey.procedures_online).toMatchObject({ value: 2 / 3, valueDisplay: '66,67%' });
    expect(byKey.procedures_online!.inputs).toEqual([
      { name: 'TTHC trực tuyến toàn trình', value: 1 },
      { name: 'TTHC trực tuyến một phần', value: 1 },
      { name: 'TTHC đơn vị áp dụng', value: 3 },
    ]);
    // Of P1 and P2 (online), only P2 had a dossier received online in October.
    expect(byKey.online_services_with_dossiers).toMatchObject({ value: 0.5, valueDisplay: '50,00%' });
    // The receipts ticked 12 dossiers digitised and 8 components reused, but no file was scanned or reused: 0 of 20, 0 of 38.
    expect(byKey.digitisation_rate).toMatchObject({ value: 0, valueDisplay: '0,00%', score: 0 });
    expect(byKey.reuse_rate).toMatchObject({ value: 0, valueDisplay: '0,00%' });
    // 7 electronic of 10 results
    expect(byKey.electronic_result_rate).toMatchObject({ value: 0.7, valueDisplay: '70,00%' });
    // (4 by post + 2 returned by post) / (20 received + 7 returned)
    expect(byKey.postal_share).toMatchObject({ value: 6 / 27, valueDisplay: '22,22%', maxPoints: 0, score: null });
    // 1 − (1 late + 1 dissatisfied) / 10
    expect(byKey.procedure_satisfaction).toMatchObject({ value: 0.8, valueDisplay: '80,00%', score: 5.33 });
    // Fee-bearing: P1 and P3 offered; 14 dossiers of P1 received. Payment itself is not known.
    expect(byKey.procedures_online_payment).toMatchObject({ value: null, unavailableReason: PAYMENT_UNAVAILABLE, inputs: [{ name: 'TTHC có thu phí, lệ phí', value: 2 }] });
    expect(byKey.online_payment).toMatchObject({ value: null, unavailableReason: PAYMENT_UNAVAILABLE, inputs: [{ name: 'Hồ sơ của TTHC có thu phí, lệ phí', value: 14 }] });
    expect(byKey.national_portal_sync).toMatchObject({ value: null, unavailableReason: PORTAL_SYNC_UNAVAILABLE });
    expect(report.freshness).toMatchObject({ pendingEvents: 0, lagMs: 0 });
  });

  it('counts digitisation and reuse from the files the documents service recorded, once each', async () => {
    const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
    await daily('2026-11-10', '05986', 'P1', 1, { received: 2, components: 3, received_digitised: 2, components_reused: 3 });
    const received = async (unit: string, day: string, components: number) => {
      const code = `${unit}-${randomUUID().slice(0, 8)}`;
      await reports.sql(
        `INSERT INTO dossier_facts (dossier_id, code, procedure_code, channel_code, receiving_unit_code, competent_unit_code,
                                    received_at, due_at, finished_at, state, outcome, components_total, last_event_at)
         VALUES ($1, $2, 'P1', 1, $3, $3, $4, $4::timestamptz + interval '3 days', $4::timestamptz + interval '1 day', 'returned', 'on_time', $5, now())`,
        [randomUUID(), code, unit, `${day}T09:00:00+07:00`, components],
      );
      return code;
    };
    const twoComponents = await received('05986', '2026-11-10', 2);
    const oneComponent = await received('05986', '2026-11-12', 1);
    const otherWard = await received('05977', '2026-11-12', 1);
    const file = (definition: typeof documentDigitisedV1 | typeof documentReusedV1, dossierCode: string, component: string) => {
      const data = { documentId: randomUUID(), dossierCode, component, version: 1, receivingUnitCode: dossierCode.slice(0, 5), at: '2026-11-12T03:00:00.000Z', by: 'tiepnhan' };
      return envelope(definition, definition === documentReusedV1 ? { ...data, verifiedDocumentId: randomUUID() } : data, data.at);
    };
    const figures = async () => {
      const { byKey } = await indicators({ unitCode: '05986', ...NOVEMBER });
      return { digitisation: byKey.digitisation_rate!, reuse: byKey.reuse_rate! };
    };

    // The receipts' ticks say everything was digitised and reused; no file says so yet.
    expect(await figures()).toMatchObject({ digitisation: { value: 0 }, reuse: { value: 0 } });

    await reports.publish(documentDigitisedV1, file(documentDigitisedV1, twoComponents, '1'));
    await reports.consumed(documentDigitisedV1);
    // One of its two components scanned: a file, not yet a digitised dossier.
    expect((await figures()).digitisation).toMatchObject({
      value: 0,
      inputs: [
        { name: 'Hồ sơ đã số hóa', value: 0 },
        { name: 'Hồ sơ tiếp nhận trong kỳ', value: 2 },
        { name: 'Tệp đã số hóa (thành phần, kết quả)', value: 1 },
      ],
    });

    await reports.publish(documentDigitisedV1, file(documentDigitisedV1, twoComponents, '2'));
    await reports.publish(documentDigitisedV1, file(documentDigitisedV1, twoComponents, 'result'));
    await reports.consumed(documentDigitisedV1);
    expect((await figures()).digitisation).toMatchObject({ value: 0.5, inputs: [{ value: 1 }, { value: 2 }, { value: 3 }] });

    const reuse = file(documentReusedV1, oneComponent, '1');
    await reports.publish(documentReusedV1, reuse);
    // Redelivered (its outbox relay retried) and another ward's reuse: neither counts here.
    await reports.publish(documentReusedV1, reuse, randomUUID());
    await reports.publish(documentReusedV1, file(documentReusedV1, otherWard, '1'));
    await reports.consumed(documentReusedV1);
    // A component taken from the store is a digitised one, and a reuse: 2 of 2 dossiers, 1 of 3 components.
    expect(await figures()).toMatchObject({
      digitisation: { value: 1, inputs: [{ value: 2 }, { value: 2 }, { value: 3 }] },
      reuse: { value: 1 / 3, inputs: [{ name: 'Thành phần hồ sơ sử dụng lại', value: 1 }, { name: 'Thành phần hồ sơ tiếp nhận', value: 3 }] },
    });
  });

  it('reads the unit alone when asked to', async () => {
    const { byKey } = await indicators({ unitCode: '05983', ...OCTOBER, includeSubunits: 'false' });
    // Without the department: (3 early + 4 on time + 1 open on time) / (8 finished + 2 open)
    expect(byKey.on_time_rate).toMatchObject({ value: 0.8, valueDisplay: '80,00%' });
    expect(byKey.online_dossier_share).toMatchObject({ value: 0, valueDisplay: '0,00%', score: 0 });
  });

  it('has no value, and says why, for a ward with nothing in the period', async () => {
    const { byKey } = await indicators({ unitCode: '05986', ...OCTOBER });
    expect(byKey.on_time_rate).toMatchObject({ value: null, score: null, valueDisplay: 'Chưa có số liệu', unavailableReason: 'Không có hồ sơ đã hoặc đang giải quyết trong kỳ.' });
    expect(byKey.online_dossier_share).toMatchObject({ value: null, unavailableReason: 'Không có hồ sơ tiếp nhận trong kỳ.' });
    expect(byKey.procedures_online).toMatchObject({ value: null, unavailableReason: 'Đơn vị chưa áp dụng thủ tục hành chính nào đang có hiệu lực.' });
  });

  it('answers 404 outside the caller’s scope and 400 for a bad period', async () => {
    expect((await failure(() => indicators({ unitCode: '05983', ...OCTOBER }, otherWardAdmin)))?.code).toBe('NOT_FOUND');
    expect((await failure(() => indicators({ unitCode: '20', ...OCTOBER }, wardLeader)))?.code).toBe('NOT_FOUND');
    expect((await failure(() => indicators({ unitCode: 'KHONGCO', ...OCTOBER })))?.code).toBe('NOT_FOUND');
    expect((await failure(() => indicators({ unitCode: '05983', from: '2026-10-31', to: '2026-10-01' })))?.code).toBe('VALIDATION_FAILED');
    expect((await failure(() => indicators({ unitCode: '05983', from: '01/10/2026', to: '2026-10-31' })))?.code).toBe('VALIDATION_FAILED');
    expect((await failure(() => indicators({ unitCode: '05983', from: '2000-01-01', to: '2026-10-31' })))?.code).toBe('VALIDATION_FAILED');
    expect((await failure(() => indicators({ from: '2026-10-01', to: '2026-10-31' })))?.code).toBe('VALIDATION_FAILED');
  });
});
