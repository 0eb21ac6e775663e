import { randomUUID } from 'node:crypto';
import { parseInput, satisfactionRequestSchema } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { GetSatisfaction } from '../src/satisfaction/get-satisfaction';
import { failure, otherWardAdmin, provinceAdmin, startQualityReports, wardLeader, type QualityReports } from './indicators-support';

const ALL_SATISFIED = { reception: 'satisfied', duration: 'satisfied', attitude: 'satisfied', result: 'satisfied', costs: 'satisfied' };

describe('satisfaction report', () => {
  let reports: QualityReports;
  const satisfaction = (input: Record<string, unknown>, who: Principal = provinceAdmin) =>
    reports.use(GetSatisfaction).execute(parseInput(satisfactionRequestSchema, input), who);
  const rating = (unit: string, ratedAt: string, scores: Record<string, string>, dissatisfied = false) =>
    reports.sql(
      `INSERT INTO ratings (dossier_id, unit_code, procedure_code, rated_at, scores, dissatisfied) VALUES ($1, $2, 'P1', $3, $4, $5)`,
      [randomUUID(), unit, ratedAt, JSON.stringify(scores), dissatisfied],
    );

  beforeAll(async () => {
    reports = await startQualityReports();
    await rating('05983', '2026-10-01T00:00:00+07:00', { ...ALL_SATISFIED, attitude: 'very_satisfied' });
    await rating('05983', '2026-10-15T10:00:00+07:00', { ...ALL_SATISFIED, duration: 'dissatisfied', attitude: 'dissatisfied' }, true);
    // The last minutes of 31/10 in Vietnam (still 31/10 16:30 UTC) count; 00:10 on 01/11 does not.
    await rating('05983.PVHXH', '2026-10-31T23:30:00+07:00', { ...ALL_SATISFIED, costs: 'neutral' });
    await rating('05983', '2026-11-01T00:10:00+07:00', { ...ALL_SATISFIED, attitude: 'dissatisfied' }, true);
    await rating('05983', '2026-09-30T23:59:00+07:00', ALL_SATISFIED);
    await rating('05977', '2026-10-10T10:00:00+07:00', { ...ALL_SATISFIED, result: 'dissatisfied' }, true);
  });
  afterAll(async () => {
    await reports?.close();
  });

  it('counts the ratings of the period per criterion and level, with Vietnamese labels', async () => {
    const report = await satisfaction({ unitCode: '05983', from: '2026-10-01', to: '2026-10-31' }, wardLeader);
    expect(report).toMatchObject({ unit: { code: '05983', name: 'Phường Lương Văn Tri' }, fromDisplay: '01/10/2026', toDisplay: '31/10/2026', ratings: 3, dissatisfied: 1 });
    const levels = (key: string) =>
      Object.fromEntries(report.criteria.find((criterion) => criterion.key === key)!.levels.map((level) => [level.label, level.count]));
    expect(levels('attitude')).toEqual({ 'Rất hài lòng': 1, 'Hài lòng': 1, 'Bình thường': 0, 'Không hài lòng': 1 });
    expect(levels('duration')).toEqual({ 'Rất hài lòng': 0, 'Hài lòng': 2, 'Bình thường': 0, 'Không hài lòng': 1 });
    expect(levels('costs')).toEqual({ 'Rất hài lòng': 0, 'Hài lòng': 2, 'Bình thường': 1, 'Không hài lòng': 0 });
    expect(report.criteria.map((criterion) => criterion.label)).toEqual([
      'Tiếp nhận và hướng dẫn hồ sơ',
      'Thời gian giải quyết',
      'Thái độ phục vụ của cán bộ, công chức',
      'Kết quả giải quyết đúng quy định',
      'Không phát sinh chi phí ngoài quy định',
    ]);
  });

  it('adds up the whole province, or reads nothing, with zeros rather than gaps', async () => {
    expect(await satisfaction({ unitCode: '20', from: '2026-10-01', to: '2026-10-31' })).toMatchObject({ ratings: 4, dissatisfied: 2 });
    const quiet = await satisfaction({ unitCode: '05986', from: '2026-10-01', to: '2026-10-31' });
    expect(quiet).toMatchObject({ ratings: 0, dissatisfied: 0 });
    expect(quiet.criteria.every((criterion) => criterion.levels.every((level) => level.count === 0))).toBe(true);
  });

  it('answers 404 outside the caller’s scope and 400 for bad input', async () => {
    expect((await failure(() => satisfaction({ unitCode: '05983', from: '2026-10-01', to: '2026-10-31' }, otherWardAdmin)))?.code).toBe('NOT_FOUND');
    expect((await failure(() => satisfaction({ unitCode: '05983', from: '2026-10-31', to: '2026-10-01' })))?.code).toBe('VALIDATION_FAILED');
    expect((await failure(() => satisfaction({ unitCode: '05983', from: '2026-10-01' })))?.code).toBe('VALIDATION_FAILED');
  });
});
