import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AppError,
  indicatorsRequestSchema,
  lateDossiersRequestSchema,
  parseInput,
  staffingRequestSchema,
  timelinessRequestSchema,
  type EventEnvelope,
  type ReportTable,
} from '@mc/contracts';
import { waitFor } from '@mc/local-infra';
import { demoUnits } from '../../../load-tests/benchmarks/synthetic-dossiers';
import { ExportReport } from '../src/exports/export-report';
import { GetReportFreshness } from '../src/read-models/get-report-freshness';
import { GetIndicators } from '../src/indicators/get-indicators';
import { ListLateDossiers } from '../src/late-dossiers/list-late-dossiers';
import { GetStaffingTable } from '../src/staffing/get-staffing-table';
import { GetTimelinessReport } from '../src/timeliness/get-timeliness-report';
import { demoUnitEvents, provinceAdmin, startReporting, type TestReporting } from './support';

/** Thursday 05/02/2026, 12:38 in Vietnam: the day's report is asked for before the day is over. */
const NOW = new Date('2026-02-05T12:38:00+07:00');
const TODAY = '2026-02-05';

let sequence = 0;
/** The receipt of an open dossier at the ward, as the dossier service publishes it. */
function received(receivedAt: string, dueAt: string): EventEnvelope {
  sequence += 1;
  const data = {
    dossierId: randomUUID(),
    code: `05983-${receivedAt.slice(2, 10).replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`,
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    fieldCode: 'ho_tich',
    receivingUnitCode: '05983',
    competentUnitCode: '05983',
    state: 'in_progress',
    step: null,
    channelCode: 1,
    receivedAt: new Date(receivedAt).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
    occurredAt: new Date(receivedAt).toISOString(),
    actor: 'tiepnhan.lvt',
    procedureVersion: 1,
    applicantName: 'Hoàng Văn Nam',
    returnMethod: 'counter',
    components: { total: 1, digitised: 1, reused: 0 },
  };
  return { id: randomUUID(), type: 'dossier.received', version: 1, source: 'dossier', occurredAt: data.occurredAt, data };
}

describe('reports over a period that has not ended', () => {
  let reporting: TestReporting;
  const scope = { unitCode: '05983', from: TODAY, to: TODAY };

  beforeAll(async () => {
    reporting = await startReporting({ clock: { now: () => NOW } });
    const dataSource = reporting.service.app.get(DataSource);
    await reporting.publish(demoUnitEvents());
    await waitFor('the unit tree', async () => Number((await dataSource.query('SELECT count(*) AS n FROM units'))[0].n) === demoUnits().length, 60_000);
    await reporting.publish([
      // Received this morning, due at 17:00 today: not past due at 12:38.
      received('2026-02-05T08:00:00+07:00', '2026-02-05T17:00:00+07:00'),
      // Due at 09:00 today: past due by a few hours.
      received('2026-02-03T09:00:00+07:00', '2026-02-05T09:00:00+07:00'),
      // Due yesterday at 17:00: past due by a day.
      received('2026-02-02T09:00:00+07:00', '2026-02-04T17:00:00+07:00'),
      // Due next week.
      received('2026-02-02T10:00:00+07:00', '2026-02-09T17:00:00+07:00'),
    ]);
    await reporting.caughtUp();
  });
  afterAll(() => reporting?.close());

  it('judges the open dossiers of today’s timeliness report at now, not at midnight to come', async () => {
    const report = await reporting.service.app.get(GetTimelinessReport).execute(parseInput(timelinessRequestSchema, scope), provinceAdmin);
    expect(report.total).toMatchObject({ carriedOver: 3, received: 1, inProgressOnTime: 2, inProgressOverdue: 2 });
  });

  it('judges the days still to come of a grouped report at now too, and keeps only past day starts', async () => {
    const report = await reporting.service.app
      .get(GetTimelinessReport)
      .execute(parseInput(timelinessRequestSchema, { ...scope, to: '2026-02-07', groupBy: 'day' }), provinceAdmin);
    expect(report.rows.map((row) => [row.key, row.carriedOver, row.inProgressOnTime, row.inProgressOverdue])).toEqual([
      ['2026-02-05', 3, 2, 2],
      ['2026-02-06', 4, 2, 2],
      ['2026-02-07', 4, 2, 2],
    ]);
    expect(report.total).toMatchObject({ carriedOver: 3, inProgressOnTime: 2, inProgressOverdue: 2 });
    const kept: { at: Date }[] = await reporting.service.app.get(DataSource).query('SELECT at FROM open_count_instants ORDER BY at');
    expect(kept.map((row) => row.at.toISOString())).toEqual([new Date('2026-02-05T00:00:00+07:00').toISOString()]);
  });

  it('lists as late only what is past due now, and says by how much as of now', async () => {
    const list = await reporting.service.app.get(ListLateDossiers).execute(parseInput(lateDossiersRequestSchema, scope), provinceAdmin);
    expect(list.total).toBe(2);
    expect(list.lines.map((line) => [line.dueAtDisplay, line.lateReason])).toEqual([
      ['17:00 04/02/2026', 'Đang quá hạn 1 ngày'],
      ['09:00 05/02/2026', 'Đang quá hạn 4 giờ'],
    ]);
  });

  it('counts the open dossiers of the indicators and of an export at now', async () => {
    const indicators = await reporting.service.app.get(GetIndicators).execute(parseInput(indicatorsRequestSchema, scope), provinceAdmin);
    expect(indicators.indicators.find((indicator) => indicator.key === 'on_time_rate')?.inputs).toEqual(
      expect.arrayContaining([
        { name: 'Đang giải quyết trong hạn tại cuối kỳ', value: 2 },
        { name: 'Đang giải quyết quá hạn tại cuối kỳ', value: 2 },
      ]),
    );
    const table = (await reporting.service.app.get(ExportReport).execute({ kind: 'timeliness', format: 'json', params: scope }, provinceAdmin)) as ReportTable;
    expect(table.totals).toMatchObject({ inProgressOnTime: 2, inProgressOverdue: 2 });
  });

  it('dates the freshness of every report, the staffing table’s included, by the clock', async () => {
    const app = reporting.service.app;
    expect((await app.get(GetReportFreshness).execute()).asOf).toBe(NOW.toISOString());
    const staffing = await app.get(GetStaffingTable).execute(parseInput(staffingRequestSchema, { unitCode: '05983' }), provinceAdmin);
    expect(staffing.freshness.asOf).toBe(NOW.toISOString());
  });

  it('refuses report dates outside 2000–2100 with a Vietnamese message instead of failing inside', async () => {
    for (const dates of [
      { from: '0000-01-01', to: '0000-01-02' },
      { from: '9999-12-30', to: '9999-12-31' },
    ]) {
      const failure = await Promise.resolve()
        .then(() => reporting.service.app.get(GetTimelinessReport).execute(parseInput(timelinessRequestSchema, { ...scope, ...dates }), provinceAdmin))
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(AppError);
      expect(failure).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('phải trong khoảng từ 01/01/2000 đến 31/12/2100') });
    }
  });
});
