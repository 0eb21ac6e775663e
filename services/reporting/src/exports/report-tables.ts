import {
  INDICATOR_GROUPS,
  REPORT_GROUPING_LABELS,
  type IndicatorsReport,
  type LateDossiers,
  type ReportFreshness,
  type ReportTable,
  type ReportTrackingBook,
  type SatisfactionReport,
  type StaffingTable,
  TIMELINESS_COUNT_KEYS,
  type TimelinessReport,
  type TimelinessRow,
} from '@mc/contracts';
import { formatInteger, formatPercent, formatVietnamInstant } from '../read-models/vietnamese-numbers';

/*
 * Every report as one table — the columns, "Tổng cộng" line, subtitle and
 * notes that the official reports print — so that one renderer per format
 * serves them all. Pure functions: no I/O, no clock.
 */

type Column = ReportTable['columns'][number];
type Row = ReportTable['rows'][number];

const TOTAL_LABEL = 'Tổng cộng';

const CHANNEL_LABELS: Record<number, string> = { 1: 'Trực tiếp', 2: 'Trực tuyến', 3: 'Qua bưu chính' };

const NUMBER_COLUMN: Column = { key: 'number', header: 'STT', kind: 'integer', width: 6 };

function unitLine(unit: { code: string; name: string }): string {
  return `Đơn vị: ${unit.name} (mã ${unit.code})`;
}

/** "Số liệu tính đến 16:30 ngày 28/02/2026": the newest event applied while some are still pending, otherwise the time of the query. */
export function freshnessLine(freshness: ReportFreshness): string {
  const asOf = freshness.pendingEvents > 0 && freshness.lastEventAt ? freshness.lastEventAt : freshness.asOf;
  return `Số liệu tính đến ${formatVietnamInstant(asOf)}`;
}

/** The lines under the title of a report over a period: its unit, the period, and how fresh the figures are. */
function periodSubtitle(report: { unit: { code: string; name: string }; fromDisplay: string; toDisplay: string; freshness: ReportFreshness }): string[] {
  return [unitLine(report.unit), `Từ ngày ${report.fromDisplay} đến ngày ${report.toDisplay}`, freshnessLine(report.freshness)];
}

function freshnessNotes(freshness: ReportFreshness): string[] {
  if (freshness.pendingEvents <= 0) return [];
  return [
    `Còn ${formatInteger(freshness.pendingEvents)} sự kiện chưa được cập nhật vào báo cáo (chậm khoảng ${formatInteger(Math.ceil(freshness.lagMs / 1000))} giây); số liệu sẽ đầy đủ khi cập nhật xong.`,
  ];
}

/** "Bản xuất gồm dòng 1–5.000 trong tổng số 12.345 hồ sơ …" when the export holds only part of the list. */
function partialListNote(firstNumber: number | undefined, count: number, total: number): string[] {
  if (count >= total) return [];
  if (count === 0) return [`Không có dòng nào trong phạm vi đã chọn (tổng số ${formatInteger(total)} hồ sơ).`];
  const first = firstNumber ?? 1;
  const last = first + count - 1;
  const next = last < total ? `; xuất phần tiếp theo với offset=${last}` : '';
  return [`Bản xuất gồm dòng ${formatInteger(first)}–${formatInteger(last)} trong tổng số ${formatInteger(total)} hồ sơ${next}.`];
}

// ---------------------------------------------------------------------------
// Tình hình giải quyết TTHC

const TIMELINESS_COUNT_COLUMNS: Column[] = [
  { key: 'toHandle', header: 'Tổng số hồ sơ cần giải quyết', kind: 'integer', width: 12 },
  { key: 'carriedOver', header: 'Kỳ trước chuyển sang', kind: 'integer', width: 11 },
  { key: 'received', header: 'Tiếp nhận mới', kind: 'integer', width: 11 },
  { key: 'receivedOnline', header: 'Trực tuyến', kind: 'integer', width: 11 },
  { key: 'receivedPostal', header: 'Qua bưu chính', kind: 'integer', width: 10 },
  { key: 'finishedEarly', header: 'Trước hạn', kind: 'integer', width: 10 },
  { key: 'finishedOnTime', header: 'Đúng hạn', kind: 'integer', width: 10 },
  { key: 'finishedLate', header: 'Quá hạn', kind: 'integer', width: 10 },
  { key: 'refused', header: 'Từ chối', kind: 'integer', width: 9 },
  { key: 'withdrawn', header: 'Rút hồ sơ', kind: 'integer', width: 9 },
  { key: 'stopped', header: 'Dừng giải quyết', kind: 'integer', width: 10 },
  { key: 'inProgressOnTime', header: 'Đang giải quyết trong hạn', kind: 'integer', width: 12 },
  { key: 'inProgressOverdue', header: 'Đang giải quyết quá hạn', kind: 'integer', width: 12 },
];

function timelinessCells(row: TimelinessRow): Row {
  const counts = Object.fromEntries(TIMELINESS_COUNT_KEYS.map((key) => [key, row[key]]));
  return { toHandle: row.carriedOver + row.received, ...counts, onTimeRate: row.onTimeRate };
}

export function timelinessTable(report: TimelinessReport): ReportTable {
  const groupLabel = REPORT_GROUPING_LABELS[report.groupBy ?? 'unit'];
  return {
    title: report.title,
    subtitle: periodSubtitle(report),
    columns: [
      NUMBER_COLUMN,
      { key: 'label', header: groupLabel, kind: 'text', width: report.groupBy === 'procedure' ? 45 : 32 },
      ...TIMELINESS_COUNT_COLUMNS,
      { key: 'onTimeRate', header: 'Tỷ lệ đúng hạn', kind: 'percent', width: 11 },
    ],
    rows: report.rows.map((row, index) => ({ number: index + 1, label: row.label, ...timelinessCells(row) })),
    totals: { number: null, label: TOTAL_LABEL, ...timelinessCells(report.total) },
    notes: [
      report.summary,
      'Tổng số hồ sơ cần giải quyết = Kỳ trước chuyển sang + Tiếp nhận mới; trong số tiếp nhận mới: Trực tuyến, Qua bưu chính.',
      'Tỷ lệ đúng hạn = (Trước hạn + Đúng hạn) / (Trước hạn + Đúng hạn + Quá hạn); để trống khi chưa có hồ sơ nào được giải quyết.',
      'Đang giải quyết: hồ sơ chưa có kết quả tại cuối kỳ (hoặc tại lúc lập báo cáo, khi kỳ chưa kết thúc), trong hạn hoặc đã quá hạn tại thời điểm đó.',
      ...freshnessNotes(report.freshness),
    ],
  };
}

// ---------------------------------------------------------------------------
// Sổ theo dõi hồ sơ

/** The columns the tracking book and the late list print alike for a dossier; each list sets the procedure's width to fit its page. */
const DOSSIER_COLUMNS = {
  code: { key: 'code', header: 'Mã hồ sơ', kind: 'text', width: 29 },
  applicantName: { key: 'applicantName', header: 'Tên tổ chức, cá nhân', kind: 'text', width: 24 },
  procedureName: { key: 'procedureName', header: 'Thủ tục hành chính', kind: 'text' },
  competentUnitCode: { key: 'competentUnitCode', header: 'Cơ quan giải quyết', kind: 'text', width: 11 },
  receivedAt: { key: 'receivedAt', header: 'Ngày tiếp nhận', kind: 'text', width: 17 },
  dueAt: { key: 'dueAt', header: 'Ngày hẹn trả kết quả', kind: 'text', width: 17 },
  finishedAt: { key: 'finishedAt', header: 'Ngày có kết quả', kind: 'text', width: 17 },
} satisfies Record<string, Column>;

export function trackingBookTable(book: ReportTrackingBook): ReportTable {
  return {
    title: book.title,
    subtitle: periodSubtitle(book),
    columns: [
      { ...NUMBER_COLUMN, width: 7 },
      DOSSIER_COLUMNS.code,
      DOSSIER_COLUMNS.applicantName,
      { ...DOSSIER_COLUMNS.procedureName, width: 36 },
      { key: 'receivingUnitCode', header: 'Đơn vị tiếp nhận', kind: 'text', width: 11 },
      DOSSIER_COLUMNS.competentUnitCode,
      { key: 'channel', header: 'Kênh nộp', kind: 'text', width: 12 },
      DOSSIER_COLUMNS.receivedAt,
      DOSSIER_COLUMNS.dueAt,
      DOSSIER_COLUMNS.finishedAt,
      { key: 'outcome', header: 'Kết quả giải quyết', kind: 'text', width: 15 },
    ],
    rows: book.lines.map((line) => ({
      number: line.number,
      code: line.code,
      applicantName: line.applicantName,
      procedureName: line.procedureName,
      receivingUnitCode: line.receivingUnitCode,
      competentUnitCode: line.competentUnitCode,
      channel: CHANNEL_LABELS[line.channelCode] ?? String(line.channelCode),
      receivedAt: line.receivedAtDisplay,
      dueAt: line.dueAtDisplay,
      finishedAt: line.finishedAtDisplay,
      outcome: line.outcomeLabel ?? 'Đang giải quyết',
    })),
    totals: null,
    notes: [
      `Tổng số hồ sơ tiếp nhận trong kỳ: ${formatInteger(book.total)}.`,
      ...partialListNote(book.lines[0]?.number, book.lines.length, book.total),
      ...freshnessNotes(book.freshness),
    ],
  };
}

// ---------------------------------------------------------------------------
// Hồ sơ trễ hạn và văn bản xin lỗi

/** `offset`: how many late dossiers come before the first line (the query's offset), so that STT continues across exports. */
export function lateDossiersTable(report: LateDossiers, offset = 0): ReportTable {
  return {
    title: report.title,
    subtitle: periodSubtitle(report),
    columns: [
      NUMBER_COLUMN,
      DOSSIER_COLUMNS.code,
      DOSSIER_COLUMNS.applicantName,
      { ...DOSSIER_COLUMNS.procedureName, width: 31 },
      DOSSIER_COLUMNS.competentUnitCode,
      DOSSIER_COLUMNS.receivedAt,
      DOSSIER_COLUMNS.dueAt,
      DOSSIER_COLUMNS.finishedAt,
      { key: 'lateReason', header: 'Lý do trễ hạn', kind: 'text', width: 24 },
      { key: 'apologies', header: 'Văn bản xin lỗi và hẹn lại ngày trả kết quả', kind: 'text', width: 40 },
    ],
    rows: report.lines.map((line, index) => ({
      number: offset + index + 1,
      code: line.code,
      applicantName: line.applicantName,
      procedureName: line.procedureName,
      competentUnitCode: line.competentUnitCode,
      receivedAt: line.receivedAtDisplay,
      dueAt: line.dueAtDisplay,
      finishedAt: line.finishedAtDisplay,
      lateReason: line.lateReason,
      apologies: line.apologies.length
        ? line.apologies
            .map((apology) => `Hẹn lại ${apology.newDueAtDisplay}: ${apology.reason} (${apology.signer}, ký ${apology.signedAtDisplay})`)
            .join('\n')
        : 'Chưa có',
    })),
    totals: null,
    notes: [
      `Tổng số hồ sơ trễ hạn: ${formatInteger(report.total)}.`,
      ...partialListNote(offset + 1, report.lines.length, report.total),
      'Hồ sơ trễ hạn phải có văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) gửi tổ chức, cá nhân.',
      ...freshnessNotes(report.freshness),
    ],
  };
}

// ---------------------------------------------------------------------------
// Bộ chỉ số QĐ 766/QĐ-TTg

export function indicatorsTable(report: IndicatorsReport): ReportTable {
  const scored = report.indicators.filter((indicator) => indicator.score !== null);
  const unavailable = report.indicators.filter((indicator) => indicator.value === null && indicator.unavailableReason);
  return {
    title: report.title,
    subtitle: periodSubtitle(report),
    columns: [
      NUMBER_COLUMN,
      { key: 'group', header: 'Nhóm chỉ số', kind: 'text', width: 18 },
      { key: 'name', header: 'Chỉ số', kind: 'text', width: 36 },
      { key: 'formula', header: 'Cách tính', kind: 'text', width: 40 },
      { key: 'inputs', header: 'Số liệu', kind: 'text', width: 30 },
      { key: 'value', header: 'Kết quả', kind: 'percent', width: 10 },
      { key: 'fullPointsAt', header: 'Đạt điểm tối đa khi', kind: 'percent', width: 11 },
      { key: 'maxPoints', header: 'Điểm tối đa', kind: 'score', width: 9 },
      { key: 'score', header: 'Điểm đạt', kind: 'score', width: 9 },
      { key: 'remark', header: 'Ghi chú', kind: 'text', width: 30 },
    ],
    rows: report.indicators.map((indicator, index) => ({
      number: index + 1,
      group: `${indicator.group}. ${INDICATOR_GROUPS[indicator.group]}`,
      name: indicator.name,
      formula: indicator.formula,
      inputs: indicator.inputs.map((input) => `${input.name}: ${formatInteger(input.value)}`).join('\n'),
      value: indicator.value,
      fullPointsAt: indicator.fullPointsAt,
      maxPoints: indicator.maxPoints,
      score: indicator.score,
      remark: indicator.unavailableReason,
    })),
    totals: {
      number: null,
      group: TOTAL_LABEL,
      name: null,
      formula: null,
      inputs: null,
      value: null,
      fullPointsAt: null,
      maxPoints: report.indicators.reduce((sum, indicator) => sum + indicator.maxPoints, 0),
      score: scored.reduce((sum, indicator) => sum + (indicator.score ?? 0), 0),
      remark: unavailable.length ? `${unavailable.length} chỉ số chưa có số liệu` : null,
    },
    notes: [
      'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ.',
      'Tổng điểm chỉ cộng điểm của các chỉ số có số liệu.',
      ...unavailable.map((indicator) => `${indicator.name}: ${indicator.unavailableReason}`),
      ...freshnessNotes(report.freshness),
    ],
  };
}

// ---------------------------------------------------------------------------
// Mức độ hài lòng

export function satisfactionTable(report: SatisfactionReport): ReportTable {
  // Every criterion normally offers the same levels; take their union in the order first met.
  const levels = new Map<string, string>();
  for (const criterion of report.criteria) {
    for (const level of criterion.levels) if (!levels.has(level.level)) levels.set(level.level, level.label);
  }
  const levelKey = (level: string) => `level:${level}`;
  return {
    title: report.title,
    subtitle: periodSubtitle(report),
    columns: [
      NUMBER_COLUMN,
      { key: 'criterion', header: 'Tiêu chí đánh giá', kind: 'text', width: 40 },
      ...[...levels].map(([level, label]): Column => ({ key: levelKey(level), header: label, kind: 'integer', width: 12 })),
      { key: 'total', header: 'Tổng số lượt đánh giá', kind: 'integer', width: 12 },
    ],
    rows: report.criteria.map((criterion, index) => {
      const row: Row = { number: index + 1, criterion: criterion.label };
      for (const level of levels.keys()) row[levelKey(level)] = criterion.levels.find((l) => l.level === level)?.count ?? 0;
      row['total'] = criterion.levels.reduce((sum, level) => sum + level.count, 0);
      return row;
    }),
    totals: null,
    notes: [
      `Số lượt đánh giá: ${formatInteger(report.ratings)}; không hài lòng: ${formatInteger(report.dissatisfied)}${
        report.ratings > 0 ? ` (${formatPercent(report.dissatisfied / report.ratings)})` : ''
      }.`,
      'Mỗi lượt đánh giá cho điểm từng tiêu chí, nên các tiêu chí không cộng dồn với nhau.',
      ...freshnessNotes(report.freshness),
    ],
  };
}

// ---------------------------------------------------------------------------
// Nhân sự Bộ phận Một cửa

export function staffingTableOf(table: StaffingTable): ReportTable {
  return {
    title: table.title,
    subtitle: [unitLine(table.unit), freshnessLine(table.freshness)],
    columns: [
      NUMBER_COLUMN,
      { key: 'centreName', header: 'Bộ phận Một cửa', kind: 'text', width: 42 },
      { key: 'unitCode', header: 'Mã đơn vị', kind: 'text', width: 10 },
      { key: 'total', header: 'Tổng số công chức, viên chức', kind: 'integer', width: 14 },
      { key: 'own', header: 'Thuộc biên chế của Bộ phận Một cửa', kind: 'integer', width: 16 },
      { key: 'seconded', header: 'Do cơ quan chuyên môn cử đến', kind: 'integer', width: 16 },
    ],
    rows: table.lines.map((line) => ({
      number: line.number,
      centreName: line.centreName,
      unitCode: line.unitCode,
      total: line.total,
      own: line.own,
      seconded: line.seconded,
    })),
    totals: { number: null, centreName: TOTAL_LABEL, unitCode: null, ...table.total },
    notes: [
      'Tổng số = Thuộc biên chế (hoặc biệt phái) của Bộ phận Một cửa + Công chức, viên chức do các cơ quan chuyên môn cử đến.',
      ...freshnessNotes(table.freshness),
    ],
  };
}
