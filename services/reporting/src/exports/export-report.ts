import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  AppError,
  indicatorsRequestSchema,
  lateDossiersRequestSchema,
  parseInput,
  reportTrackingBookRequestSchema,
  satisfactionRequestSchema,
  staffingRequestSchema,
  timelinessRequestSchema,
  type ExportedReport,
  type ExportFormat,
  type ExportReportRequest,
  type ReportKind,
  type ReportTable,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { vietnamDate } from '@mc/working-calendar';
import { CLOCK, systemClock, type Clock } from '../clock';
import { REPORT_QUERIES, type ReportQueries } from './report-queries';
import { indicatorsTable, lateDossiersTable, satisfactionTable, staffingTableOf, timelinessTable, trackingBookTable } from './report-tables';
import { PDF_CONTENT_TYPE, renderPdf } from './render-pdf';
import { renderXlsx, XLSX_CONTENT_TYPE } from './render-xlsx';
import { formatInteger } from '../read-models/vietnamese-numbers';

/**
 * A reply crosses NATS, whose messages are at most 1 MB, and a file travels
 * base64-encoded (4 bytes for 3). Lists are capped per format so that a full
 * export stays well under that — and a PDF, the slowest to lay out, within
 * the gateway's 5-second request timeout; the size is checked again after
 * rendering.
 */
export const MAX_LIST_LINES: Record<ExportFormat, number> = { xlsx: 5_000, pdf: 500, json: 1_000 };
export const MAX_REPLY_CHARS = 900_000;

/** ASCII file-name stems, as staff save them: bao-cao-tien-do-05983-2026-02-01-2026-02-28.xlsx */
export const FILE_STEMS: Record<ReportKind, string> = {
  timeliness: 'bao-cao-tien-do',
  'tracking-book': 'so-theo-doi-ho-so',
  'late-dossiers': 'ho-so-tre-han',
  indicators: 'bo-chi-so-766',
  satisfaction: 'muc-do-hai-long',
  staffing: 'nhan-su-bo-phan-mot-cua',
};

const SHEET_NAMES: Record<ReportKind, string> = {
  timeliness: 'Tình hình giải quyết',
  'tracking-book': 'Sổ theo dõi hồ sơ',
  'late-dossiers': 'Hồ sơ trễ hạn',
  indicators: 'Bộ chỉ số 766',
  satisfaction: 'Mức độ hài lòng',
  staffing: 'Nhân sự Bộ phận Một cửa',
};

const CONTENT_TYPES: Record<Exclude<ExportFormat, 'json'>, string> = { xlsx: XLSX_CONTENT_TYPE, pdf: PDF_CONTENT_TYPE };

const asciiPart = (text: string) =>
  text
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

export function exportFileName(kind: ReportKind, format: ExportFormat, scope: { unitCode: string; from?: string; to?: string }, asOf: Date): string {
  const dates = scope.from && scope.to ? [scope.from, scope.to] : [vietnamDate(asOf)];
  return [FILE_STEMS[kind], asciiPart(scope.unitCode) || 'don-vi', ...dates].join('-') + `.${format}`;
}

interface Built {
  table: ReportTable;
  scope: { unitCode: string; from?: string; to?: string };
}

/**
 * Exports any report: the same parameters as the report's own query, the
 * report mapped to one table, rendered as a workbook or a PDF (or the table
 * itself for `json`).
 */
@Injectable()
export class ExportReport {
  private queries: ReportQueries | undefined;

  constructor(
    @Optional() @Inject(REPORT_QUERIES) queries?: ReportQueries,
    @Optional() private readonly moduleRef?: ModuleRef,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {
    this.queries = queries ?? undefined;
  }

  async execute(request: ExportReportRequest, principal: Principal, now = this.clock.now()): Promise<ExportedReport | ReportTable> {
    const { table, scope } = await this.build(request, principal);
    if (request.format === 'json') {
      this.checkSize(JSON.stringify(table).length);
      return table;
    }
    const file =
      request.format === 'xlsx'
        ? await renderXlsx(table, { sheetName: SHEET_NAMES[request.kind], now })
        : await renderPdf(table, { now });
    const base64 = file.toString('base64');
    this.checkSize(base64.length);
    return { fileName: exportFileName(request.kind, request.format, scope, now), contentType: CONTENT_TYPES[request.format], base64 };
  }

  private async build({ kind, format, params }: ExportReportRequest, principal: Principal): Promise<Built> {
    const queries = this.reportQueries();
    switch (kind) {
      case 'timeliness': {
        const parsed = parseInput(timelinessRequestSchema, params);
        return { table: timelinessTable(await queries.timeliness(parsed, principal)), scope: parsed };
      }
      case 'tracking-book': {
        const parsed = parseInput(reportTrackingBookRequestSchema, params);
        const cap = MAX_LIST_LINES[format];
        const book = await queries.trackingBook({ ...parsed, limit: Math.min(parsed.limit ?? cap, cap) }, principal);
        const table = trackingBookTable(book);
        return { table: withCapNote(table, book.lines.length, book.total, cap, format), scope: parsed };
      }
      case 'late-dossiers': {
        const parsed = parseInput(lateDossiersRequestSchema, params);
        const cap = MAX_LIST_LINES[format];
        const report = await queries.lateDossiers({ ...parsed, limit: Math.min(parsed.limit ?? cap, cap) }, principal);
        const table = lateDossiersTable(report, parsed.offset ?? 0);
        return { table: withCapNote(table, report.lines.length, report.total, cap, format), scope: parsed };
      }
      case 'indicators': {
        const parsed = parseInput(indicatorsRequestSchema, params);
        return { table: indicatorsTable(await queries.indicators(parsed, principal)), scope: parsed };
      }
      case 'satisfaction': {
        const parsed = parseInput(satisfactionRequestSchema, params);
        return { table: satisfactionTable(await queries.satisfaction(parsed, principal)), scope: parsed };
      }
      case 'staffing': {
        const parsed = parseInput(staffingRequestSchema, params);
        return { table: staffingTableOf(await queries.staffing(parsed, principal)), scope: { unitCode: parsed.unitCode } };
      }
    }
  }

  private reportQueries(): ReportQueries {
    if (!this.queries) {
      try {
        this.queries = this.moduleRef?.get<ReportQueries>(REPORT_QUERIES, { strict: false });
      } catch {
        this.queries = undefined;
      }
    }
    if (!this.queries) throw new AppError('SERVICE_UNAVAILABLE', 'Chức năng xuất báo cáo chưa sẵn sàng; vui lòng thử lại sau.');
    return this.queries;
  }

  private checkSize(chars: number): void {
    if (chars > MAX_REPLY_CHARS) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        'Báo cáo quá lớn để xuất trong một tệp. Hãy thu hẹp khoảng thời gian hoặc xuất từng phần (tham số offset, limit).',
        { chars, max: MAX_REPLY_CHARS },
      );
    }
  }
}

function withCapNote(table: ReportTable, lines: number, total: number, cap: number, format: ExportFormat): ReportTable {
  if (lines >= total || lines < cap) return table;
  return { ...table, notes: [...table.notes, `Mỗi lần xuất ${format.toUpperCase()} tối đa ${formatInteger(cap)} dòng để tệp không quá lớn.`] };
}
