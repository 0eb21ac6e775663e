import { RATING_CRITERIA, RATING_LEVELS } from '@mc/contracts';
import { evaluateIndicators, PAYMENT_UNAVAILABLE, PORTAL_SYNC_UNAVAILABLE, scoreOf } from '../src/indicators/indicator-definitions';
import { NO_INPUTS, type IndicatorInputs } from '../src/indicators/indicator-inputs';
import { carriesFee, offeredOnline, versionInForce, type VersionRow } from '../src/read-models/procedure-facts';
import { criteriaTable } from '../src/satisfaction/satisfaction-counts';
import { centreName, staffingLines } from '../src/staffing/staffing-lines';

const DAY_MS = 86_400_000;

/** A month of one ward, counted by hand (see each expectation). */
const MONTH: IndicatorInputs = {
  ...NO_INPUTS,
  received: 20,
  receivedOnline: 6,
  receivedPostal: 4,
  receivedDigitised: 12,
  components: 38,
  componentsReused: 8,
  early: 4,
  onTime: 5,
  late: 1,
  refused: 1,
  processingMs: 10 * DAY_MS,
  resultsIssued: 10,
  electronicResults: 7,
  returned: 7,
  returnedByPost: 2,
  ratings: 4,
  ratingsDissatisfied: 1,
  openAtEnd: 3,
  openOnTimeAtEnd: 1,
  proceduresOffered: 3,
  proceduresOnlineFull: 1,
  proceduresOnlinePartial: 1,
  proceduresWithFee: 2,
  proceduresOnlineWithDossiers: 1,
  feeBearingReceived: 14,
};

const byKey = (inputs: IndicatorInputs) => Object.fromEntries(evaluateIndicators(inputs).map((indicator) => [indicator.key, indicator]));

describe('QĐ 766 indicator formulas', () => {
  const indicators = byKey(MONTH);

  it('on-time rate: (early + on time + open on time at the end) / (finished with a verdict + open at the end), out of 20 points', () => {
    // (4 + 5 + 1) / (4 + 5 + 1 + 3) = 10 / 13
    expect(indicators.on_time_rate).toMatchObject({ group: 2, value: 10 / 13, valueDisplay: '76,92%', fullPointsAt: 1, maxPoints: 20, score: 15.38 });
    expect(indicators.on_time_rate!.inputs).toContainEqual({ name: 'Đang giải quyết quá hạn tại cuối kỳ', value: 2 });
  });

  it('average processing time: total time / dossiers finished, in days, without points', () => {
    // 10 days over 10 dossiers
    expect(indicators.average_processing_time).toMatchObject({ value: null, valueDisplay: '1,00 ngày', maxPoints: 0, score: null, unavailableReason: null });
  });

  it('online dossier share: channel 2 / received, full points at 50%', () => {
    // 6 / 20 = 30%; 0.30 / 0.50 × 4.4
    expect(indicators.online_dossier_share).toMatchObject({ group: 3, value: 0.3, valueDisplay: '30,00%', fullPointsAt: 0.5, maxPoints: 4.4, score: 2.64 });
  });

  it('procedures offered online: full or partial / offered, full points at 80%', () => {
    // 2 / 3; 0.6667 / 0.8 × 4.4 = 3.67
    expect(indicators.procedures_online).toMatchObject({ value: 2 / 3, valueDisplay: '66,67%', fullPointsAt: 0.8, score: 3.67 });
  });

  it('online services with dossiers: online procedures with an online dossier / online procedures', () => {
    // 1 / 2; 0.5 × 4.4
    expect(indicators.online_services_with_dossiers).toMatchObject({ value: 0.5, valueDisplay: '50,00%', fullPointsAt: 1, score: 2.2 });
  });

  it('digitisation: digitised / received, full points at 80%', () => {
    // 12 / 20 = 60%; 0.6 / 0.8 × 4.4 = 3.3
    expect(indicators.digitisation_rate).toMatchObject({ group: 4, value: 0.6, valueDisplay: '60,00%', fullPointsAt: 0.8, score: 3.3 });
  });

  it('reuse: reused components / components, full points at 80%', () => {
    // 8 / 38 = 21.05%; 0.2105 / 0.8 × 4.4 = 1.16
    expect(indicators.reuse_rate).toMatchObject({ value: 8 / 38, valueDisplay: '21,05%', fullPointsAt: 0.8, score: 1.16 });
  });

  it('electronic results: electronic / issued', () => {
    expect(indicators.electronic_result_rate).toMatchObject({ value: 0.7, valueDisplay: '70,00%', score: 3.08 });
  });

  it('postal share is informational: (received by post + returned by post) / (received + returned), no points', () => {
    // (4 + 2) / (20 + 7) = 22.22%
    expect(indicators.postal_share).toMatchObject({ value: 6 / 27, valueDisplay: '22,22%', maxPoints: 0, score: null });
  });

  it('TTHC satisfaction: 100% − (late rate + dissatisfied rate), full points at 90%', () => {
    // 1 − (1 + 1) / 10 = 80%; 0.8 / 0.9 × 6 = 5.33
    expect(indicators.procedure_satisfaction).toMatchObject({ group: 5, value: 0.8, valueDisplay: '80,00%', fullPointsAt: 0.9, maxPoints: 6, score: 5.33 });
  });

  it('says why an indicator the platform cannot compute has no value, and shows what it does know', () => {
    expect(indicators.online_payment).toMatchObject({ value: null, score: null, unavailableReason: PAYMENT_UNAVAILABLE, valueDisplay: 'Chưa có số liệu' });
    expect(indicators.online_payment!.inputs).toEqual([{ name: 'Hồ sơ của TTHC có thu phí, lệ phí', value: 14 }]);
    expect(indicators.procedures_online_payment).toMatchObject({ value: null, unavailableReason: PAYMENT_UNAVAILABLE, inputs: [{ name: 'TTHC có thu phí, lệ phí', value: 2 }] });
    expect(indicators.national_portal_sync).toMatchObject({ group: 1, value: null, score: null, unavailableReason: PORTAL_SYNC_UNAVAILABLE });
  });

  it('has no value, and says so, when a denominator is zero', () => {
    const empty = evaluateIndicators(NO_INPUTS);
    for (const indicator of empty) {
      expect(indicator.value).toBeNull();
      expect(indicator.score).toBeNull();
      expect(indicator.unavailableReason).toEqual(expect.any(String));
    }
    expect(byKey(NO_INPUTS).on_time_rate!.unavailableReason).toBe('Không có hồ sơ đã hoặc đang giải quyết trong kỳ.');
    // Only in-progress dossiers still make a rate: nothing finished, one of two open on time.
    expect(byKey({ ...NO_INPUTS, openAtEnd: 2, openOnTimeAtEnd: 1 }).on_time_rate).toMatchObject({ value: 0.5, score: 10 });
  });

  it('scores linearly below the full-points ratio and never above the maximum', () => {
    expect(scoreOf(0.4, 0.8, 4.4)).toBe(2.2);
    expect(scoreOf(0.95, 0.8, 4.4)).toBe(4.4);
    expect(scoreOf(0, 0.5, 4.4)).toBe(0);
    expect(scoreOf(null, 0.5, 4.4)).toBeNull();
    // Satisfaction with more late and dissatisfied than finished stays at 0%.
    expect(byKey({ ...NO_INPUTS, early: 1, late: 1, ratingsDissatisfied: 2 }).procedure_satisfaction).toMatchObject({ value: 0, score: 0 });
  });

  it('keys and groups are stable and each indicator states its formula', () => {
    const all = evaluateIndicators(MONTH);
    expect(new Set(all.map((indicator) => indicator.key)).size).toBe(all.length);
    for (const indicator of all) expect(indicator.formula.length).toBeGreaterThan(20);
    expect(all.map((indicator) => indicator.group)).toEqual([...all.map((indicator) => indicator.group)].sort());
  });
});

describe('procedures read model rules', () => {
  const version = (overrides: Partial<VersionRow>): VersionRow => ({
    code: '1.000001',
    version: 1,
    name: 'Thủ tục',
    fieldCode: 'ho_tich',
    hasFee: false,
    online: 'partial',
    effectiveFrom: '2026-01-01',
    publishedAt: new Date('2025-12-01T00:00:00Z'),
    withdrawnAt: null,
    ...overrides,
  });

  it('finds the version in force as the catalog does', () => {
    const v1 = version({});
    const v2 = version({ version: 2, effectiveFrom: '2026-07-01', online: 'full' });
    expect(versionInForce([v1, v2], new Date('2026-06-30T16:59:59Z'))?.version).toBe(1);
    expect(versionInForce([v1, v2], new Date('2026-06-30T17:00:00Z'))?.version).toBe(2);
    // Withdrawn in force: abolished, the older text does not come back.
    expect(versionInForce([v1, { ...v2, withdrawnAt: new Date('2026-08-01T00:00:00Z') }], new Date('2026-09-01T00:00:00Z'))).toBeNull();
    // Withdrawn before taking effect: as if never published.
    expect(versionInForce([v1, { ...v2, withdrawnAt: new Date('2026-06-01T00:00:00Z') }], new Date('2026-09-01T00:00:00Z'))?.version).toBe(1);
    // Known only from its withdrawal: no content, never in force.
    expect(versionInForce([version({ publishedAt: null, withdrawnAt: new Date('2026-03-01T00:00:00Z') })], new Date('2026-02-01T00:00:00Z'))).toBeNull();
  });

  it('takes the narrower of the province and unit online levels', () => {
    expect(offeredOnline('full', null)).toBe('full');
    expect(offeredOnline('full', 'partial')).toBe('partial');
    expect(offeredOnline('partial', 'full')).toBe('partial');
    expect(offeredOnline('partial', 'none')).toBe('none');
  });

  it('counts a fee only when something costs more than zero', () => {
    expect(carriesFee([{ kind: 'free', name: 'Lệ phí', description: 'Miễn', currency: 'VND' }])).toBe(false);
    expect(carriesFee([{ kind: 'fixed', name: 'Lệ phí', amount: 0, currency: 'VND' }])).toBe(false);
    expect(carriesFee([{ kind: 'fixed', name: 'Lệ phí', amount: 8000, currency: 'VND' }])).toBe(true);
    expect(carriesFee([{ kind: 'per_page', name: 'Phí chứng thực', firstPages: 2, firstPagePrice: 2000, nextPagePrice: 1000, currency: 'VND' }])).toBe(true);
  });
});

describe('staffing lines', () => {
  const ward = { code: '05983', name: 'Phường Lương Văn Tri', path: '/20/05983/', current: true };
  const province = { code: '20', name: 'Tỉnh Lạng Sơn', path: '/20/', current: true };
  const dissolved = { code: '05990', name: 'Xã Mai Pha', path: '/20/05990/', current: false };

  it('names the centre as the appendix does', () => {
    expect(centreName('Xã Chi Lăng')).toBe('Bộ phận Một cửa xã Chi Lăng');
    expect(centreName('Thị trấn Đồng Mỏ')).toBe('Bộ phận Một cửa thị trấn Đồng Mỏ');
    expect(centreName('Phường Lương Văn Tri')).toBe('Bộ phận Một cửa phường Lương Văn Tri');
    expect(centreName('UBND tỉnh Lạng Sơn')).toBe('Bộ phận Một cửa UBND tỉnh Lạng Sơn');
  });

  it('counts each clerk once at the nearest centre, numbers the lines and sums them', () => {
    const table = staffingLines(
      [ward, province, dissolved],
      [
        { accountId: 'a', employment: 'own', grantPath: '/20/05983/' },
        { accountId: 'a', employment: 'own', grantPath: '/20/05983/05983.TTPVHCC/' },
        { accountId: 'b', employment: 'seconded', grantPath: '/20/05983/05983.PVHXH/' },
        { accountId: 'c', employment: null, grantPath: '/20/20.TTPVHCC/' },
      ],
    );
    expect(table.lines).toEqual([
      { number: 1, unitCode: '20', centreName: 'Bộ phận Một cửa tỉnh Lạng Sơn', total: 1, own: 1, seconded: 0 },
      { number: 2, unitCode: '05983', centreName: 'Bộ phận Một cửa phường Lương Văn Tri', total: 2, own: 1, seconded: 1 },
    ]);
    expect(table.total).toEqual({ total: 3, own: 2, seconded: 1 });
  });

  it('keeps a dissolved unit while someone still works there', () => {
    const table = staffingLines([province, dissolved], [{ accountId: 'x', employment: 'own', grantPath: '/20/05990/' }]);
    expect(table.lines.map((line) => line.unitCode)).toEqual(['20', '05990']);
  });
});

describe('satisfaction counts', () => {
  it('lists every criterion with every level, zero where nobody chose it', () => {
    const criteria = criteriaTable([
      { criterion: 'attitude', level: 'dissatisfied', count: 2 },
      { criterion: 'attitude', level: 'very_satisfied', count: 3 },
    ]);
    expect(criteria.map((criterion) => criterion.key)).toEqual(RATING_CRITERIA.map((criterion) => criterion.key));
    const attitude = criteria.find((criterion) => criterion.key === 'attitude')!;
    expect(attitude.label).toBe('Thái độ phục vụ của cán bộ, công chức');
    expect(attitude.levels).toEqual([
      { level: 'very_satisfied', label: 'Rất hài lòng', count: 3 },
      { level: 'satisfied', label: 'Hài lòng', count: 0 },
      { level: 'neutral', label: 'Bình thường', count: 0 },
      { level: 'dissatisfied', label: 'Không hài lòng', count: 2 },
    ]);
    expect(criteria.every((criterion) => criterion.levels.length === RATING_LEVELS.length)).toBe(true);
  });

  it('keeps a criterion the form no longer has instead of dropping its ratings', () => {
    const criteria = criteriaTable([{ criterion: 'old_criterion', level: 'satisfied', count: 1 }]);
    expect(criteria.at(-1)).toMatchObject({ key: 'old_criterion', label: 'old_criterion' });
  });
});
