import type { ReportTable } from '@mc/contracts';
import {
  freshnessLine,
  indicatorsTable,
  lateDossiersTable,
  satisfactionTable,
  staffingTableOf,
  timelinessTable,
  trackingBookTable,
} from '../src/exports/report-tables';
import { formatCell, formatInteger, formatIsoDate, formatPercent, formatScore, formatVietnamInstant } from '../src/read-models/vietnamese-numbers';
import {
  freshness,
  sampleIndicators,
  sampleLateDossiers,
  sampleSatisfaction,
  sampleStaffing,
  sampleTimeliness,
  sampleTrackingBook,
} from './export-fixtures';

const headers = (table: ReportTable) => table.columns.map((column) => column.header);

describe('Vietnamese number formats', () => {
  it('groups thousands with dots and writes decimals with a comma', () => {
    expect(formatInteger(148_636)).toBe('148.636');
    expect(formatInteger(1_234_567)).toBe('1.234.567');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(-12_345)).toBe('-12.345');
    expect(formatPercent(0.93521)).toBe('93,52%');
    expect(formatPercent(1)).toBe('100,00%');
    expect(formatPercent(0)).toBe('0,00%');
    expect(formatScore(1.875)).toBe('1,88');
    expect(formatScore(1234.5)).toBe('1.234,50');
  });

  it('formats a cell by its column kind and leaves a missing value empty', () => {
    expect(formatCell(148_636, 'integer')).toBe('148.636');
    expect(formatCell(0.5, 'percent')).toBe('50,00%');
    expect(formatCell(null, 'percent')).toBe('');
    expect(formatCell('Tổng cộng', 'text')).toBe('Tổng cộng');
  });

  it('writes instants in Vietnam time and ISO dates as dd/mm/yyyy', () => {
    expect(formatVietnamInstant('2026-02-28T09:30:00.000Z')).toBe('16:30 ngày 28/02/2026');
    expect(formatVietnamInstant('2026-02-28T17:05:00Z')).toBe('00:05 ngày 01/03/2026');
    expect(formatIsoDate('2026-02-01')).toBe('01/02/2026');
  });
});

describe('report tables', () => {
  it('maps the timeliness report to the official columns, with a "Tổng cộng" line and the formulas', () => {
    const report = sampleTimeliness();
    const table = timelinessTable(report);

    expect(table.title).toBe('Báo cáo tình hình giải quyết thủ tục hành chính');
    expect(table.subtitle).toEqual([
      'Đơn vị: Phường Lương Văn Tri (mã 05983)',
      'Từ ngày 01/02/2026 đến ngày 28/02/2026',
      'Số liệu tính đến 16:30 ngày 28/02/2026',
    ]);
    expect(headers(table)).toEqual([
      'STT',
      'Thủ tục hành chính',
      'Tổng số hồ sơ cần giải quyết',
      'Kỳ trước chuyển sang',
      'Tiếp nhận mới',
      'Trực tuyến',
      'Qua bưu chính',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Từ chối',
      'Rút hồ sơ',
      'Dừng giải quyết',
      'Đang giải quyết trong hạn',
      'Đang giải quyết quá hạn',
      'Tỷ lệ đúng hạn',
    ]);
    expect(table.columns.find((column) => column.key === 'onTimeRate')?.kind).toBe('percent');
    expect(table.columns.find((column) => column.key === 'received')?.kind).toBe('integer');

    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]).toMatchObject({ number: 1, label: 'Đăng ký khai sinh', received: 148_636, carriedOver: 12, toHandle: 148_648 });
    expect(table.rows[0]['onTimeRate']).toBeCloseTo(138_990 / 148_620, 10);
    expect(table.rows[2]).toMatchObject({ number: 3, onTimeRate: null });

    expect(table.totals).toMatchObject({ number: null, label: 'Tổng cộng', received: report.total.received, finishedLate: report.total.finishedLate });
    expect(table.totals?.['onTimeRate']).toBe(report.total.onTimeRate);
    expect(table.notes[0]).toBe(report.summary);
    expect(table.notes.join('\n')).toContain('Tỷ lệ đúng hạn = (Trước hạn + Đúng hạn) / (Trước hạn + Đúng hạn + Quá hạn)');
  });

  it('names the grouping column after the grouping, "Đơn vị" when not grouped', () => {
    expect(headers(timelinessTable({ ...sampleTimeliness(), groupBy: 'field' }))[1]).toBe('Lĩnh vực');
    expect(headers(timelinessTable({ ...sampleTimeliness(), groupBy: null }))[1]).toBe('Đơn vị');
    expect(headers(timelinessTable({ ...sampleTimeliness(), groupBy: 'month' }))[1]).toBe('Tháng');
  });

  it('dates the figures by the newest applied event while events are pending, and says so', () => {
    expect(freshnessLine(freshness)).toBe('Số liệu tính đến 16:30 ngày 28/02/2026');
    const pending = { ...freshness, pendingEvents: 4, lagMs: 2_500 };
    expect(freshnessLine(pending)).toBe('Số liệu tính đến 16:29 ngày 28/02/2026');
    const table = timelinessTable({ ...sampleTimeliness(), freshness: pending });
    expect(table.notes.at(-1)).toBe('Còn 4 sự kiện chưa được cập nhật vào báo cáo (chậm khoảng 3 giây); số liệu sẽ đầy đủ khi cập nhật xong.');
  });

  it('maps the tracking book with the channel and outcome in words, and says when it holds part of the list', () => {
    const table = trackingBookTable(sampleTrackingBook(3, 7));
    expect(headers(table)).toEqual([
      'STT',
      'Mã hồ sơ',
      'Tên tổ chức, cá nhân',
      'Thủ tục hành chính',
      'Đơn vị tiếp nhận',
      'Cơ quan giải quyết',
      'Kênh nộp',
      'Ngày tiếp nhận',
      'Ngày hẹn trả kết quả',
      'Ngày có kết quả',
      'Kết quả giải quyết',
    ]);
    expect(table.rows.map((row) => row['channel'])).toEqual(['Trực tiếp', 'Trực tuyến', 'Qua bưu chính']);
    expect(table.rows.map((row) => row['outcome'])).toEqual(['Trước hạn', 'Đang giải quyết', 'Trước hạn']);
    expect(table.totals).toBeNull();
    expect(table.notes).toContain('Tổng số hồ sơ tiếp nhận trong kỳ: 7.');
    expect(table.notes).toContain('Bản xuất gồm dòng 1–3 trong tổng số 7 hồ sơ; xuất phần tiếp theo với offset=3.');
    expect(trackingBookTable(sampleTrackingBook(2)).notes).toEqual(['Tổng số hồ sơ tiếp nhận trong kỳ: 2.']);
  });

  it('maps late dossiers with their apologies, numbering on from the offset', () => {
    const table = lateDossiersTable(sampleLateDossiers(), 1);
    expect(headers(table)).toContain('Lý do trễ hạn');
    expect(headers(table)).toContain('Văn bản xin lỗi và hẹn lại ngày trả kết quả');
    expect(table.rows.map((row) => row['number'])).toEqual([2, 3]);
    expect(table.rows[0]['apologies']).toBe('Hẹn lại 10/02/2026: Chờ xác minh tình trạng hôn nhân (Lê Văn Lãnh, ký 06/02/2026)');
    expect(table.rows[1]['apologies']).toBe('Chưa có');
    expect(table.rows[1]['finishedAt']).toBeNull();
    expect(table.notes).toContain('Bản xuất gồm dòng 2–3 trong tổng số 3 hồ sơ.');
    expect(table.notes.some((note) => note.startsWith('Còn 4 sự kiện'))).toBe(true);
  });

  it('maps the QĐ 766 indicators with ratios as fractions and the points added up', () => {
    const table = indicatorsTable(sampleIndicators());
    expect(headers(table)).toEqual(['STT', 'Nhóm chỉ số', 'Chỉ số', 'Cách tính', 'Số liệu', 'Kết quả', 'Đạt điểm tối đa khi', 'Điểm tối đa', 'Điểm đạt', 'Ghi chú']);
    expect(table.rows[0]).toMatchObject({ group: '2. Tiến độ giải quyết', fullPointsAt: 1, maxPoints: 2, score: 1.87 });
    expect(table.rows[0]['inputs']).toBe('Trước hạn và đúng hạn: 139.380\nĐã giải quyết: 149.030');
    expect(table.rows[0]['value']).toBeCloseTo(0.9352, 4);
    expect(table.rows[1]).toMatchObject({ value: null, score: null, remark: 'Hệ thống chưa có số liệu công khai thủ tục hành chính.' });
    expect(table.totals).toMatchObject({ group: 'Tổng cộng', maxPoints: 4, score: 1.87, remark: '1 chỉ số chưa có số liệu' });
    expect(table.notes[0]).toContain('766/QĐ-TTg');
  });

  it('maps satisfaction to one column per level, in the order of the form', () => {
    const table = satisfactionTable(sampleSatisfaction());
    expect(headers(table)).toEqual(['STT', 'Tiêu chí đánh giá', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Tổng số lượt đánh giá']);
    expect(table.rows[1]).toEqual({ number: 2, criterion: 'Thời gian giải quyết', 'level:3': 70, 'level:2': 44, 'level:1': 6, total: 120 });
    expect(table.notes[0]).toBe('Số lượt đánh giá: 120; không hài lòng: 6 (5,00%).');
  });

  it('maps the staffing table with its totals and no period', () => {
    const table = staffingTableOf(sampleStaffing());
    expect(table.subtitle).toEqual(['Đơn vị: UBND tỉnh Lạng Sơn (mã 20)', 'Số liệu tính đến 16:30 ngày 28/02/2026']);
    expect(headers(table)).toEqual(['STT', 'Bộ phận Một cửa', 'Mã đơn vị', 'Tổng số công chức, viên chức', 'Thuộc biên chế của Bộ phận Một cửa', 'Do cơ quan chuyên môn cử đến']);
    expect(table.totals).toEqual({ number: null, centreName: 'Tổng cộng', unitCode: null, total: 16, own: 9, seconded: 7 });
  });

  it('gives every cell a column and every number column a number', () => {
    const tables = [
      timelinessTable(sampleTimeliness()),
      trackingBookTable(sampleTrackingBook(4)),
      lateDossiersTable(sampleLateDossiers()),
      indicatorsTable(sampleIndicators()),
      satisfactionTable(sampleSatisfaction()),
      staffingTableOf(sampleStaffing()),
    ];
    for (const table of tables) {
      const keys = table.columns.map((column) => column.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const row of [...table.rows, ...(table.totals ? [table.totals] : [])]) {
        expect(Object.keys(row).sort()).toEqual([...keys].sort());
        for (const column of table.columns) {
          const value = row[column.key];
          if (column.kind !== 'text' && value !== null) expect(typeof value).toBe('number');
        }
      }
    }
  });
});
