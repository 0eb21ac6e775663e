import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Workbook } from 'exceljs';
import { AppError, type ExportedReport, type ReportTable } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { exportFileName, ExportReport, MAX_LIST_LINES } from '../src/exports/export-report';
import { ExportsModule } from '../src/exports/exports.module';
import { REPORT_QUERIES, type ReportQueries } from '../src/exports/report-queries';
import {
  sampleIndicators,
  sampleLateDossiers,
  sampleSatisfaction,
  sampleStaffing,
  sampleTimeliness,
  sampleTrackingBook,
} from './export-fixtures';

const principal: Principal = {
  subject: 'u-1',
  username: 'lanhdao.lvt',
  kind: 'staff',
  roles: [{ role: 'leader', unit: '05983', path: '/20/05983/' }],
  clientId: 'mot-cua-web',
};
const now = new Date('2026-02-28T09:30:00.000Z');
const scope = { unitCode: '05983', from: '2026-02-01', to: '2026-02-28' };

type Fake<K extends keyof ReportQueries> = jest.Mock<ReturnType<ReportQueries[K]>, Parameters<ReportQueries[K]>>;

function fakeQueries(): { [K in keyof ReportQueries]: Fake<K> } {
  const fake = <K extends keyof ReportQueries>(reply: (...args: Parameters<ReportQueries[K]>) => ReturnType<ReportQueries[K]>): Fake<K> =>
    jest.fn<ReturnType<ReportQueries[K]>, Parameters<ReportQueries[K]>>(reply);
  return {
    timeliness: fake<'timeliness'>(async () => sampleTimeliness()),
    trackingBook: fake<'trackingBook'>(async (params) => sampleTrackingBook(Math.min(params.limit ?? 10, 20), 12_000)),
    lateDossiers: fake<'lateDossiers'>(async () => sampleLateDossiers()),
    indicators: fake<'indicators'>(async () => sampleIndicators()),
    satisfaction: fake<'satisfaction'>(async () => sampleSatisfaction()),
    staffing: fake<'staffing'>(async () => sampleStaffing()),
  };
}

describe('ExportReport', () => {
  it('parses the parameters with the report’s schema, passes the principal and answers an Excel file', async () => {
    const queries = fakeQueries();
    const reply = (await new ExportReport(queries).execute(
      { kind: 'timeliness', format: 'xlsx', params: { ...scope, groupBy: 'procedure', includeSubunits: 'false', channelCode: '2' } },
      principal,
      now,
    )) as ExportedReport;

    expect(queries.timeliness).toHaveBeenCalledWith({ ...scope, groupBy: 'procedure', includeSubunits: false, channelCode: 2 }, principal);
    expect(reply.fileName).toBe('bao-cao-tien-do-05983-2026-02-01-2026-02-28.xlsx');
    expect(reply.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(reply.base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].name).toBe('Tình hình giải quyết');
    expect(workbook.worksheets[0].getCell('A1').value).toBe('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
  });

  it('answers a PDF, and the table itself for json', async () => {
    const exportReport = new ExportReport(fakeQueries());
    const pdf = (await exportReport.execute({ kind: 'indicators', format: 'pdf', params: scope }, principal, now)) as ExportedReport;
    expect(pdf.fileName).toBe('bo-chi-so-766-05983-2026-02-01-2026-02-28.pdf');
    expect(pdf.contentType).toBe('application/pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const table = (await exportReport.execute({ kind: 'satisfaction', format: 'json', params: scope }, principal, now)) as ReportTable;
    expect(table.columns.map((column) => column.header)).toContain('Rất hài lòng');
  });

  it('names every kind’s file in ASCII; staffing by the date of the export', () => {
    expect(exportFileName('tracking-book', 'xlsx', scope, now)).toBe('so-theo-doi-ho-so-05983-2026-02-01-2026-02-28.xlsx');
    expect(exportFileName('late-dossiers', 'pdf', scope, now)).toBe('ho-so-tre-han-05983-2026-02-01-2026-02-28.pdf');
    expect(exportFileName('satisfaction', 'xlsx', scope, now)).toBe('muc-do-hai-long-05983-2026-02-01-2026-02-28.xlsx');
    expect(exportFileName('staffing', 'xlsx', { unitCode: '20' }, new Date('2026-02-28T18:00:00Z'))).toBe('nhan-su-bo-phan-mot-cua-20-2026-03-01.xlsx');
    expect(exportFileName('indicators', 'xlsx', { ...scope, unitCode: 'Đơn vị/ 05983' }, now)).toMatch(/^bo-chi-so-766-[A-Za-z0-9.-]+-2026-02-01-2026-02-28\.xlsx$/);
  });

  it('caps the lines of a list per format and says so', async () => {
    const queries = fakeQueries();
    const exportReport = new ExportReport(queries);
    await exportReport.execute({ kind: 'tracking-book', format: 'xlsx', params: { ...scope, limit: '5000', offset: '0' } }, principal, now);
    expect(queries.trackingBook).toHaveBeenLastCalledWith({ ...scope, offset: 0, limit: MAX_LIST_LINES.xlsx }, principal);
    await exportReport.execute({ kind: 'tracking-book', format: 'pdf', params: scope }, principal, now);
    expect(queries.trackingBook).toHaveBeenLastCalledWith({ ...scope, limit: MAX_LIST_LINES.pdf }, principal);
    await exportReport.execute({ kind: 'late-dossiers', format: 'pdf', params: { ...scope, limit: '20' } }, principal, now);
    expect(queries.lateDossiers).toHaveBeenLastCalledWith({ ...scope, limit: 20 }, principal);

    queries.trackingBook.mockResolvedValueOnce(sampleTrackingBook(MAX_LIST_LINES.json, 12_000));
    const table = (await exportReport.execute({ kind: 'tracking-book', format: 'json', params: scope }, principal, now)) as ReportTable;
    expect(table.rows).toHaveLength(1_000);
    expect(table.notes).toContain('Bản xuất gồm dòng 1–1.000 trong tổng số 12.000 hồ sơ; xuất phần tiếp theo với offset=1000.');
    expect(table.notes).toContain('Mỗi lần xuất JSON tối đa 1.000 dòng để tệp không quá lớn.');
  });

  it('refuses parameters the report’s schema refuses, before asking for the report', async () => {
    const queries = fakeQueries();
    const error = await new ExportReport(queries)
      .execute({ kind: 'timeliness', format: 'xlsx', params: { unitCode: '05983', from: '01/02/2026', to: '2026-02-28' } }, principal, now)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((error as AppError).message).toContain('yyyy-mm-dd');
    expect(queries.timeliness).not.toHaveBeenCalled();
  });

  it('passes the query’s own refusal through', async () => {
    const queries = fakeQueries();
    queries.staffing.mockRejectedValueOnce(new AppError('FORBIDDEN', 'Bạn không có quyền xem báo cáo của đơn vị này.'));
    await expect(new ExportReport(queries).execute({ kind: 'staffing', format: 'pdf', params: { unitCode: '20' } }, principal, now)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('answers SERVICE_UNAVAILABLE while no report queries are bound', async () => {
    const unbound = new ExportReport(undefined, { get: () => { throw new Error('not found'); } } as never);
    await expect(unbound.execute({ kind: 'timeliness', format: 'xlsx', params: scope }, principal, now)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const found = new ExportReport(undefined, { get: () => fakeQueries() } as never);
    await expect(found.execute({ kind: 'staffing', format: 'json', params: { unitCode: '20' } }, principal, now)).resolves.toMatchObject({ title: sampleStaffing().title });
  });

  it('refuses an export too large for one bus message', async () => {
    const queries = fakeQueries();
    const long = sampleTrackingBook(1_000, 1_000);
    for (const line of long.lines) line.procedureName = 'Thủ tục '.repeat(200);
    queries.trackingBook.mockResolvedValueOnce(long);
    await expect(new ExportReport(queries).execute({ kind: 'tracking-book', format: 'json', params: scope }, principal, now)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});

describe('ExportsModule', () => {
  async function contextWith(bound: boolean) {
    const queries = fakeQueries();
    const binding = { provide: REPORT_QUERIES, useValue: queries };
    // As the reporting module imports it: the queries bound beside it, not inside it.
    @Module({ imports: [ExportsModule], providers: bound ? [binding] : [] })
    class Root {}
    const context = await NestFactory.createApplicationContext(Root, { logger: false });
    return { context, queries };
  }

  it('finds the report queries bound anywhere in the application', async () => {
    const { context, queries } = await contextWith(true);
    try {
      const table = await context.get(ExportReport).execute({ kind: 'staffing', format: 'json', params: { unitCode: '20' } }, principal, now);
      expect(table).toMatchObject({ title: sampleStaffing().title });
      expect(queries.staffing).toHaveBeenCalledWith({ unitCode: '20' }, principal);
    } finally {
      await context.close();
    }
  });

  it('starts without them, so the service runs before they are bound', async () => {
    const { context } = await contextWith(false);
    try {
      await expect(
        context.get(ExportReport).execute({ kind: 'staffing', format: 'json', params: { unitCode: '20' } }, principal, now),
      ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await context.close();
    }
  });
});
