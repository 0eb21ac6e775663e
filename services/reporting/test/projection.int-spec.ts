import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AppError,
  lateDossiersRequestSchema,
  parseInput,
  reportTrackingBookRequestSchema,
  TIMELINESS_COUNT_KEYS,
  timelinessRequestSchema,
  type EventEnvelope,
  type TimelinessReport,
} from '@mc/contracts';
import { waitFor } from '@mc/local-infra';
import { demoUnits, generateDossiers, type SyntheticDossier } from '../../../load-tests/benchmarks/synthetic-dossiers';
import { ListLateDossiers } from '../src/late-dossiers/list-late-dossiers';
import { KeepDayOpenCounts } from '../src/projection/keep-day-open-counts';
import { RebuildProjection } from '../src/projection/rebuild-projection';
import { GetTimelinessReport } from '../src/timeliness/get-timeliness-report';
import { GetReportTrackingBook } from '../src/tracking-book/get-report-tracking-book';
import { expectedCounts, monthsOf } from './expected-timeliness';
import { demoUnitEvents, provinceAdmin, startReporting, wardLeader, type TestReporting } from './support';

const FROM = '2026-03-01';
const TO = '2026-04-30';
const PATHS = new Map(demoUnits().map((unit) => [unit.code, unit.path]));

/** The direct child of the report's unit whose subtree holds the dossier's competent unit. */
const childOf = (scopeCode: string, unitCode: string) => {
  const scopePath = PATHS.get(scopeCode)!;
  const path = PATHS.get(unitCode)!;
  if (!path.startsWith(scopePath)) return null;
  return path.slice(scopePath.length).split('/')[0] || scopeCode;
};

const cells = (row: Record<string, unknown>) => Object.fromEntries(TIMELINESS_COUNT_KEYS.map((column) => [column, row[column]]));
const withoutFreshness = (report: { freshness: unknown }) => ({ ...report, freshness: null });

describe('reporting projection', () => {
  let reporting: TestReporting;
  let dataSource: DataSource;
  let dossiers: SyntheticDossier[];
  let events: EventEnvelope[];
  const timeliness = async (params: Record<string, unknown>, who = provinceAdmin) =>
    reporting.service.app.get(GetTimelinessReport).execute(parseInput(timelinessRequestSchema, { unitCode: '20', from: FROM, to: TO, ...params }), who);
  const allReports = async () =>
    Promise.all([undefined, 'unit', 'month', 'procedure', 'field', 'channel', 'week', 'day', 'quarter', 'year'].map((groupBy) => timeliness({ groupBy })));
  const applied = async () => Number((await dataSource.query(`SELECT events_applied FROM projection_state WHERE name = 'dossier'`))[0].events_applied);

  beforeAll(async () => {
    reporting = await startReporting();
    dataSource = reporting.service.app.get(DataSource);
    await reporting.publish(demoUnitEvents());
    await waitFor('the unit tree', async () => Number((await dataSource.query('SELECT count(*) AS n FROM units'))[0].n) === PATHS.size, 60_000);
    ({ dossiers, events } = generateDossiers({
      count: 600,
      firstDay: '2026-02-10',
      lastDay: '2026-04-25',
      units: [
        { code: '05983', weight: 3 },
        { code: '05983.PKT', weight: 1 },
        { code: '05977', weight: 2 },
        { code: '05977.VP', weight: 1 },
        { code: '20.STP', weight: 2 },
        { code: '20', weight: 1 },
      ],
    }));
    await reporting.publish(events);
    await reporting.caughtUp();
  });
  afterAll(() => reporting?.close());

  it('matches, cell by cell, the figures computed from the generated dossiers, grouped by unit', async () => {
    for (const scope of ['20', '05983']) {
      const report = await timeliness({ unitCode: scope, groupBy: 'unit' });
      const expected = new Map<string, SyntheticDossier[]>();
      for (const dossier of dossiers) {
        const key = childOf(scope, dossier.competentUnitCode);
        if (key) expected.set(key, [...(expected.get(key) ?? []), dossier]);
      }
      const keys = new Set([...expected.keys(), ...report.rows.map((row) => row.key)]);
      for (const key of keys) {
        const row = report.rows.find((candidate) => candidate.key === key);
        const want = expectedCounts(expected.get(key) ?? [], FROM, TO);
        expect({ key, ...(row ? cells(row as never) : expectedCounts([], FROM, TO)) }).toEqual({ key, ...want });
        if (row) expect(row.label).toBe(demoUnits().find((unit) => unit.code === key)!.name);
      }
      const inScope = dossiers.filter((dossier) => childOf(scope, dossier.competentUnitCode));
      expect(cells(report.total as never)).toEqual(expectedCounts(inScope, FROM, TO));
    }
  });

  it('matches, cell by cell, the figures computed from the generated dossiers, grouped by month', async () => {
    const report = await timeliness({ groupBy: 'month' });
    const months = monthsOf(FROM, TO);
    expect(report.rows.map((row) => [row.key, row.label])).toEqual([
      ['2026-03', 'Tháng 03/2026'],
      ['2026-04', 'Tháng 04/2026'],
    ]);
    for (const [key, first, last] of months) {
      const row = report.rows.find((candidate) => candidate.key === key)!;
      expect({ key, ...cells(row as never) }).toEqual({ key, ...expectedCounts(dossiers, first, last) });
    }
    const total = expectedCounts(dossiers, FROM, TO);
    expect(cells(report.total as never)).toEqual(total);
    const inTime = total.finishedEarly + total.finishedOnTime;
    const rate = ((inTime / (inTime + total.finishedLate)) * 100).toFixed(2).replace('.', ',');
    expect(report.total.onTimeRateDisplay).toBe(`${rate}%`);
    expect(report.summary).toBe(`${inTime} hồ sơ đúng hạn và trước hạn, ${rate}%`);
    expect(report.fromDisplay).toBe('01/03/2026');
    expect(report.freshness.pendingEvents).toBe(0);
    expect(report.freshness.lagMs).toBe(0);
  });

  it('splits by channel and labels weeks, quarters and years as the official reports do', async () => {
    const byChannel = await timeliness({ groupBy: 'channel' });
    for (const code of [1, 2, 3]) {
      const row = byChannel.rows.find((candidate) => candidate.key === String(code))!;
      expect(row.received).toBe(expectedCounts(dossiers.filter((dossier) => dossier.channelCode === code), FROM, TO).received);
    }
    expect(byChannel.rows.map((row) => row.label)).toEqual(['Trực tiếp', 'Trực tuyến', 'Bưu chính công ích']);
    const quarter = await timeliness({ groupBy: 'quarter' });
    expect(quarter.rows.map((row) => row.label)).toEqual(['Quý I/2026', 'Quý II/2026']);
    expect((await timeliness({ groupBy: 'year' })).rows.map((row) => row.label)).toEqual(['Năm 2026']);
    const week = await timeliness({ groupBy: 'week' });
    expect(week.rows[0]!.label).toBe('Tuần 09/2026');
    expect(cells(week.total as never)).toEqual(expectedCounts(dossiers, FROM, TO));
    const field = await timeliness({ groupBy: 'field' });
    expect(field.rows.map((row) => row.label)).toEqual(expect.arrayContaining(['Hộ tịch', 'Chứng thực']));
  });

  it('keeps the tracking book in receipt order and lists late dossiers with their apologies', async () => {
    const book = await reporting.service.app
      .get(GetReportTrackingBook)
      .execute(parseInput(reportTrackingBookRequestSchema, { unitCode: '05983', from: '2026-03-01', to: '2026-03-31', limit: '1000' }), provinceAdmin);
    const expected = dossiers
      .filter((dossier) => {
        const day = new Date(dossier.receivedAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
        const inScope = [dossier.receivingUnitCode, dossier.competentUnitCode].some((code) => PATHS.get(code)!.startsWith('/20/05983/'));
        return inScope && day >= '2026-03-01' && day <= '2026-03-31';
      })
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.code.localeCompare(b.code));
    expect(book.total).toBe(expected.length);
    expect(book.lines.map((line) => line.code)).toEqual(expected.map((dossier) => dossier.code));
    expect(book.lines.map((line) => line.number)).toEqual(expected.map((_, index) => index + 1));
    expect(book.lines[0]!.receivedAtDisplay).toMatch(/^\d\d:\d\d \d\d\/\d\d\/2026$/);

    const late = await reporting.service.app
      .get(ListLateDossiers)
      .execute(parseInput(lateDossiersRequestSchema, { unitCode: '20', from: FROM, to: TO, limit: '5000' }), provinceAdmin);
    const counts = expectedCounts(dossiers, FROM, TO);
    expect(late.total).toBe(counts.finishedLate + counts.inProgressOverdue);
    const multi = late.lines.find((line) => dossiers.find((dossier) => dossier.code === line.code)?.kind === 'multi_supplement')!;
    expect(multi.lateReason).toContain('Yêu cầu bổ sung 2 lần');
    const apologised = late.lines.find((line) => line.apologies.length > 0);
    if (apologised) {
      expect(apologised.apologies[0]).toEqual({
        newDueAtDisplay: expect.stringMatching(/^\d\d:\d\d \d\d\/\d\d\/2026$/),
        reason: 'Cần xác minh thêm',
        signer: 'lanhdao.lvt',
        signedAtDisplay: expect.stringMatching(/^\d\d:\d\d \d\d\/\d\d\/2026$/),
      });
      expect(apologised.lateReason).toMatch(/^Đang quá hạn/);
    }
  });

  it('counts ratings and digitised receipts on their own days', async () => {
    const [row] = await dataSource.query('SELECT sum(ratings)::int AS ratings, sum(ratings_dissatisfied)::int AS dissatisfied, sum(received)::int AS received FROM daily_stats');
    expect(row.ratings).toBe(dossiers.filter((dossier) => dossier.rated).length);
    expect(row.dissatisfied).toBe(dossiers.filter((dossier) => dossier.rated?.dissatisfied).length);
    expect(row.received).toBe(dossiers.length);
    const [digitised] = await dataSource.query('SELECT sum(received_digitised)::int AS n FROM daily_stats');
    expect(digitised.n).toBe(dossiers.filter((dossier) => dossier.components.total > 0 && dossier.components.digitised === dossier.components.total).length);
  });

  it('gives identical figures after a rebuild, after a replay over the kept tables, and after every event is published again', async () => {
    const before = (await allReports()).map(withoutFreshness);
    const eventsApplied = await applied();
    expect(eventsApplied).toBe(events.length);

    await reporting.service.app.get(RebuildProjection).execute();
    await reporting.caughtUp();
    expect(await applied()).toBe(events.length);
    expect((await allReports()).map(withoutFreshness)).toEqual(before);

    // Every event delivered a second time: the inbox recognises each one.
    await reporting.service.app.get(RebuildProjection).execute({ keepTables: true });
    await reporting.caughtUp();
    expect(await applied()).toBe(events.length);
    expect((await allReports()).map(withoutFreshness)).toEqual(before);

    // The same events under new message ids get past the stream's duplicate window, not past the inbox.
    await reporting.publish(events, { msgId: (event) => `${event.id}:again` });
    await reporting.caughtUp();
    expect(await applied()).toBe(events.length);
    expect((await allReports()).map(withoutFreshness)).toEqual(before);
  });

  it('reads whole months from the month counters and the days around them from the day counters', async () => {
    for (const [from, to] of [
      ['2026-02-14', '2026-04-09'],
      ['2026-03-03', '2026-03-27'],
      ['2026-02-01', '2026-04-30'],
    ] as const) {
      const byMonth = await timeliness({ from, to, groupBy: 'month' });
      for (const [key, first, last] of monthsOf(from, to)) {
        const row = byMonth.rows.find((candidate) => candidate.key === key)!;
        expect({ key, ...cells(row as never) }).toEqual({ key, ...expectedCounts(dossiers, first, last) });
      }
      expect(cells(byMonth.total as never)).toEqual(expectedCounts(dossiers, from, to));
      expect(cells((await timeliness({ from, to, groupBy: 'procedure' })).total as never)).toEqual(expectedCounts(dossiers, from, to));
    }
  });

  it('keeps the open counts of each day start as the days pass, equal to the dossiers open then', async () => {
    await reporting.service.app.get(KeepDayOpenCounts).runOnce(new Date('2026-04-10T05:00:00Z'));
    for (const day of ['2026-04-09', '2026-04-10']) {
      const at = new Date(`${day}T00:00:00+07:00`);
      const [kept] = await dataSource.query('SELECT sum(open)::int AS open, sum(overdue)::int AS overdue FROM open_counts WHERE at = $1', [at]);
      const open = dossiers.filter((dossier) => dossier.receivedAt <= at && (dossier.finishedAt === null || dossier.finishedAt > at));
      expect({ day, ...kept }).toEqual({ day, open: open.length, overdue: open.filter((dossier) => dossier.dueAt < at).length });
    }
  });

  it('counts again the open dossiers of a past instant when events about it arrive late', async () => {
    // The reports above kept the counts of 01/04/2026 00:00; these dossiers, received and finished around it, arrive afterwards.
    const kept = async () => (await dataSource.query('SELECT at FROM open_count_instants WHERE at = $1', ['2026-03-31T17:00:00.000Z'])).length;
    expect(await kept()).toBe(1);
    const late = generateDossiers({
      count: 80,
      firstDay: '2026-03-01',
      lastDay: '2026-04-20',
      units: [
        { code: '05983', weight: 1 },
        { code: '20.STP', weight: 1 },
      ],
      seed: 11,
    });
    await reporting.publish(late.events);
    await reporting.caughtUp();
    expect(await kept()).toBe(0);
    const all = [...dossiers, ...late.dossiers];
    const byMonth = await timeliness({ groupBy: 'month' });
    for (const [key, first, last] of monthsOf(FROM, TO)) {
      const row = byMonth.rows.find((candidate) => candidate.key === key)!;
      expect({ key, ...cells(row as never) }).toEqual({ key, ...expectedCounts(all, first, last) });
    }
    expect(cells(byMonth.total as never)).toEqual(expectedCounts(all, FROM, TO));
    expect(await kept()).toBe(1);
  });

  it('dead-letters a poison event after its last delivery and goes on with the events behind it', async () => {
    const open = dossiers.find((dossier) => dossier.kind === 'open_on_time')!;
    const poison: EventEnvelope = {
      id: randomUUID(),
      type: 'dossier.returned',
      version: 1,
      source: 'dossier',
      occurredAt: '2026-05-02T03:00:00.000Z',
      data: { dossierId: open.dossierId, code: open.code, returnMethod: 'pigeon' },
    };
    const later = generateDossiers({ count: 1, firstDay: '2026-05-04', lastDay: '2026-05-04', units: [{ code: '05977', weight: 1 }], seed: 7 });
    await reporting.publish([poison]);
    await reporting.bus.js.publish(reporting.bus.subject('evt.dossier.dossier.received'), 'not json', { msgID: randomUUID() });
    await reporting.publish(later.events);
    await reporting.caughtUp();
    const [fact] = await dataSource.query('SELECT state FROM dossier_facts WHERE dossier_id = $1', [later.dossiers[0]!.dossierId]);
    expect(fact).toBeDefined();
    const [stillOpen] = await dataSource.query('SELECT finished_at FROM dossier_facts WHERE dossier_id = $1', [open.dossierId]);
    expect(stillOpen.finished_at).toBeNull();
    const dlq = await reporting.bus.jsm.streams.info(reporting.bus.streamName('DLQ'), { subjects_filter: '>' });
    const parked = Object.entries(dlq.state.subjects ?? {})
      .filter(([subject]) => subject.includes('reporting.evt.dossier.dossier'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(parked).toBe(2);
  });

  it('refuses bad input with a code and a Vietnamese message', async () => {
    const failure = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        if (error instanceof AppError) return { code: error.code, message: error.message };
        throw error;
      }
      throw new Error('expected a failure');
    };
    expect(await failure(timeliness({ from: '2026-04-01', to: '2026-03-01' }))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
    });
    expect(await failure(timeliness({ from: '2010-01-01', to: '2026-03-01' }))).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^Kỳ báo cáo tối đa 3\.660 ngày/),
    });
    expect(await failure(timeliness({ unitCode: '99999' }))).toEqual({ code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị mã 99999.' });
    // Another ward's figures are as invisible as a unit that does not exist.
    expect(await failure(timeliness({ unitCode: '05983' }, wardLeader))).toEqual({ code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị mã 05983.' });
    expect((await failure(timeliness({ from: '01/03/2026' }))).code).toBe('VALIDATION_FAILED');
    expect((await failure(timeliness({ groupBy: 'district' }))).message).toContain('Cách nhóm phải là một trong');
    // Its own subtree it may read.
    const own: TimelinessReport = await timeliness({ unitCode: '05977' }, wardLeader);
    expect(own.unit.name).toBe('Phường Đông Kinh');
  });
});
