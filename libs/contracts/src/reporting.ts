import { z } from 'zod';

/**
 * Reports (báo cáo): read models the reporting service builds from the other
 * services' events only — timeliness (tình hình giải quyết TTHC), the tracking
 * book, late dossiers with their apologies, the QĐ 766 indicators, the
 * staffing of one-stop centres — and their exports.
 */
export const ReportingSubjects = {
  timeliness: 'reporting.timeliness.get',
  trackingBook: 'reporting.tracking-book.get',
  lateDossiers: 'reporting.late-dossiers.list',
  indicators: 'reporting.indicators.get',
  satisfaction: 'reporting.satisfaction.get',
  staffing: 'reporting.staffing.get',
  freshness: 'reporting.freshness.get',
  export: 'reporting.report.export',
} as const;

/** Query-string values arrive as strings, and an empty `?x=` means "not given". */
const fromQuery = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const REPORT_GROUPINGS = ['unit', 'procedure', 'field', 'channel', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
export const REPORT_GROUPING_LABELS: Record<ReportGrouping, string> = {
  unit: 'Đơn vị',
  procedure: 'Thủ tục hành chính',
  field: 'Lĩnh vực',
  channel: 'Kênh nộp',
  day: 'Ngày',
  week: 'Tuần',
  month: 'Tháng',
  quarter: 'Quý',
  year: 'Năm',
};

/**
 * The days a report may name. No dossier of this platform is older than 2000
 * or later than 2100, and the services' date arithmetic and Postgres only
 * work within years 1 to 9999 (year 0000 does not exist there, and the day
 * after 9999-12-31 has no yyyy-mm-dd form): without a bound such a date
 * ended in an internal error rather than an answer the clerk can act on.
 */
export const REPORT_FIRST_DAY = '2000-01-01';
export const REPORT_LAST_DAY = '2100-12-31';
const reportDay = (name: string) =>
  z.iso
    .date(`${name} phải có dạng yyyy-mm-dd.`)
    .refine((day) => day >= REPORT_FIRST_DAY && day <= REPORT_LAST_DAY, `${name} phải trong khoảng từ 01/01/2000 đến 31/12/2100.`);

/**
 * A report's scope: a unit (with the units under it unless `includeSubunits`
 * is false) and an inclusive range of calendar days in Vietnam's time zone.
 */
export const reportScopeShape = {
  unitCode: z.string({ error: 'Thiếu mã đơn vị.' }).trim().min(2, 'Mã đơn vị không hợp lệ.').max(40, 'Mã đơn vị tối đa 40 ký tự.'),
  from: reportDay('Ngày bắt đầu'),
  to: reportDay('Ngày kết thúc'),
  includeSubunits: fromQuery(z.preprocess((value) => (value === 'false' ? false : value === 'true' ? true : value), z.boolean())),
};
export const MAX_REPORT_DAYS = 3_660;

export const timelinessRequestSchema = z.object({
  ...reportScopeShape,
  groupBy: fromQuery(z.enum(REPORT_GROUPINGS, `Cách nhóm phải là một trong: ${REPORT_GROUPINGS.join(', ')}.`)),
  procedureCode: fromQuery(z.string().trim().min(1).max(40)),
  fieldCode: fromQuery(z.string().trim().min(1).max(40)),
  channelCode: fromQuery(z.coerce.number().int().min(1).max(3)),
});
export type TimelinessRequest = z.infer<typeof timelinessRequestSchema>;

/**
 * The columns of the official report on handling administrative procedures:
 * dossiers to handle in the period (carried over + received), those finished
 * (early / on time / late, refused, withdrawn, stopped) and those still in
 * progress at the end of the period (on time / overdue).
 */
export interface TimelinessCounts {
  /** Still open at the start of the period. */
  carriedOver: number;
  received: number;
  receivedOnline: number;
  receivedPostal: number;
  finishedEarly: number;
  finishedOnTime: number;
  finishedLate: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  /** Open at the end of the period, not past due then. */
  inProgressOnTime: number;
  inProgressOverdue: number;
}

/** The count columns in the official report's order. */
export const TIMELINESS_COUNT_KEYS = [
  'carriedOver',
  'received',
  'receivedOnline',
  'receivedPostal',
  'finishedEarly',
  'finishedOnTime',
  'finishedLate',
  'refused',
  'withdrawn',
  'stopped',
  'inProgressOnTime',
  'inProgressOverdue',
] as const satisfies readonly (keyof TimelinessCounts)[];

export function zeroTimelinessCounts(): TimelinessCounts {
  // Typed by the list, so that a count left out of it does not compile.
  return Object.fromEntries(TIMELINESS_COUNT_KEYS.map((key) => [key, 0])) as Record<(typeof TIMELINESS_COUNT_KEYS)[number], number>;
}

export interface TimelinessRow extends TimelinessCounts {
  key: string;
  label: string;
  /** (early + on time) / (early + on time + late); null when nothing finished. */
  onTimeRate: number | null;
  /** e.g. "93,52%" */
  onTimeRateDisplay: string;
}

export interface ReportFreshness {
  /** Events on the streams the report reads that the projection has not applied yet. */
  pendingEvents: number;
  /** Time of the newest event applied, ISO 8601; null before the first. */
  lastEventAt: string | null;
  /** now − occurredAt of the newest applied event when events are pending; 0 when caught up. */
  lagMs: number;
  asOf: string;
}

export interface TimelinessReport {
  title: string;
  unit: { code: string; name: string };
  from: string;
  to: string;
  fromDisplay: string;
  toDisplay: string;
  groupBy: ReportGrouping | null;
  rows: TimelinessRow[];
  total: TimelinessRow;
  /** As the official reports write it: "148.636 hồ sơ đúng hạn và trước hạn, 93,52%". */
  summary: string;
  freshness: ReportFreshness;
}

export const reportTrackingBookRequestSchema = z.object({
  ...reportScopeShape,
  offset: fromQuery(z.coerce.number().int().min(0)),
  limit: fromQuery(z.coerce.number().int().min(1).max(5_000)),
});
export type ReportTrackingBookRequest = z.infer<typeof reportTrackingBookRequestSchema>;

export interface ReportTrackingBookLine {
  number: number;
  code: string;
  applicantName: string;
  procedureName: string;
  receivingUnitCode: string;
  competentUnitCode: string;
  channelCode: number;
  receivedAtDisplay: string;
  dueAtDisplay: string;
  finishedAtDisplay: string | null;
  /** Trước hạn / Đúng hạn / Quá hạn / Từ chối / Rút hồ sơ / Dừng giải quyết; null while open. */
  outcomeLabel: string | null;
}

export interface ReportTrackingBook {
  title: string;
  unit: { code: string; name: string };
  fromDisplay: string;
  toDisplay: string;
  total: number;
  lines: ReportTrackingBookLine[];
  freshness: ReportFreshness;
}

export const lateDossiersRequestSchema = reportTrackingBookRequestSchema;
export type LateDossiersRequest = ReportTrackingBookRequest;

export interface LateDossierLine {
  code: string;
  applicantName: string;
  procedureName: string;
  competentUnitCode: string;
  receivedAtDisplay: string;
  dueAtDisplay: string;
  finishedAtDisplay: string | null;
  /** Why it counts as late: "Quá hạn 2 ngày", "Yêu cầu bổ sung 2 lần", … */
  lateReason: string;
  apologies: { newDueAtDisplay: string; reason: string; signer: string; signedAtDisplay: string }[];
}

export interface LateDossiers {
  title: string;
  unit: { code: string; name: string };
  fromDisplay: string;
  toDisplay: string;
  total: number;
  lines: LateDossierLine[];
  freshness: ReportFreshness;
}

export const indicatorsRequestSchema = z.object(reportScopeShape);
export type IndicatorsRequest = z.infer<typeof indicatorsRequestSchema>;

/** QĐ 766/QĐ-TTg groups. */
export const INDICATOR_GROUPS = {
  1: 'Công khai, minh bạch',
  2: 'Tiến độ giải quyết',
  3: 'Dịch vụ trực tuyến',
  4: 'Số hóa hồ sơ',
  5: 'Mức độ hài lòng',
} as const;

export interface IndicatorView {
  key: string;
  group: keyof typeof INDICATOR_GROUPS;
  name: string;
  /** The formula in words, as the national formula note writes it. */
  formula: string;
  inputs: { name: string; value: number }[];
  /** The ratio in [0, 1]; null when the platform does not hold the inputs or the denominator is zero. */
  value: number | null;
  valueDisplay: string;
  /** The ratio at which the indicator earns full points ("→ max at X%"). */
  fullPointsAt: number;
  maxPoints: number;
  score: number | null;
  /** Why there is no value: the inputs the platform does not hold yet. */
  unavailableReason: string | null;
}

export interface IndicatorsReport {
  title: string;
  unit: { code: string; name: string };
  fromDisplay: string;
  toDisplay: string;
  indicators: IndicatorView[];
  freshness: ReportFreshness;
}

export const satisfactionRequestSchema = z.object(reportScopeShape);
export interface SatisfactionReport {
  title: string;
  unit: { code: string; name: string };
  fromDisplay: string;
  toDisplay: string;
  ratings: number;
  dissatisfied: number;
  /** Per criterion of the evaluation form: how many ratings gave each level. */
  criteria: { key: string; label: string; levels: { level: string; label: string; count: number }[] }[];
  freshness: ReportFreshness;
}

export const staffingRequestSchema = z.object({ unitCode: reportScopeShape.unitCode, includeSubunits: reportScopeShape.includeSubunits });
export type StaffingRequest = z.infer<typeof staffingRequestSchema>;

/** One line of the staffing table of the one-stop centres (Bộ phận Một cửa), as in the seed report's appendix. */
export interface StaffingLine {
  number: number;
  unitCode: string;
  /** "Bộ phận Một cửa xã Chi Lăng" */
  centreName: string;
  total: number;
  /** Thuộc biên chế (hoặc biệt phái) của Bộ phận Một cửa. */
  own: number;
  /** Công chức, viên chức do các cơ quan chuyên môn cử đến. */
  seconded: number;
}

export interface StaffingTable {
  title: string;
  unit: { code: string; name: string };
  lines: StaffingLine[];
  total: { total: number; own: number; seconded: number };
  freshness: ReportFreshness;
}

export const REPORT_KINDS = ['timeliness', 'tracking-book', 'late-dossiers', 'indicators', 'satisfaction', 'staffing'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const EXPORT_FORMATS = ['xlsx', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportReportRequestSchema = z.object({
  kind: z.enum(REPORT_KINDS, `Loại báo cáo phải là một trong: ${REPORT_KINDS.join(', ')}.`),
  format: z.enum(EXPORT_FORMATS, 'Định dạng xuất phải là xlsx, pdf hoặc json.'),
  /** The same parameters as the report's own query. */
  params: z.record(z.string(), z.unknown()),
});
export type ExportReportRequest = z.infer<typeof exportReportRequestSchema>;

/** How a cell is written: numbers as numbers, with the format the official reports use. */
export type ReportColumnKind = 'text' | 'integer' | 'percent' | 'score';

/** Any report as a table, what the exports render. */
export interface ReportTable {
  title: string;
  /** Lines under the title: unit, period, "Số liệu tính đến …". */
  subtitle: string[];
  columns: { key: string; header: string; kind: ReportColumnKind; width?: number }[];
  rows: Record<string, string | number | null>[];
  /** The "Tổng cộng" line, when the report has one. */
  totals: Record<string, string | number | null> | null;
  notes: string[];
}

export interface ExportedReport {
  fileName: string;
  contentType: string;
  /** The file, base64-encoded (the bus carries JSON). */
  base64: string;
}
