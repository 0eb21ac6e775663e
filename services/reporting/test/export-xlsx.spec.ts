import { Workbook, type Worksheet } from 'exceljs';
import { indicatorsTable, staffingTableOf, timelinessTable, trackingBookTable } from '../src/exports/report-tables';
import { renderXlsx, safeSheetName, WORKBOOK_CREATOR } from '../src/exports/render-xlsx';
import { sampleIndicators, sampleStaffing, sampleTimeliness, sampleTrackingBook } from './export-fixtures';

async function readBack(file: Buffer): Promise<{ workbook: Workbook; sheet: Worksheet }> {
  const workbook = new Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return { workbook, sheet: workbook.worksheets[0] };
}

/** Row number of the header: the row whose first cell reads "STT". */
function headerRowOf(sheet: Worksheet): number {
  for (let row = 1; row <= sheet.rowCount; row++) if (sheet.getCell(row, 1).value === 'STT') return row;
  throw new Error('no header row');
}

describe('Excel export', () => {
  const now = new Date('2026-02-28T09:30:00.000Z');

  it('writes the timeliness report: merged title, headers with diacritics, number formats, totals that add up', async () => {
    const table = timelinessTable(sampleTimeliness());
    const { workbook, sheet } = await readBack(await renderXlsx(table, { sheetName: 'Tình hình giải quyết', now }));

    expect(workbook.creator).toBe(WORKBOOK_CREATOR);
    expect(workbook.creator).toBe('Hệ thống một cửa điện tử tỉnh Lạng Sơn');
    expect(workbook.title).toBe(table.title);
    expect(workbook.created.toISOString()).toBe(now.toISOString());
    expect(sheet.name).toBe('Tình hình giải quyết');

    // Title and subtitle lines merged across every column.
    const lastColumn = sheet.getColumn(table.columns.length).letter;
    expect(lastColumn).toBe('P');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining([`A1:${lastColumn}1`, `A2:${lastColumn}2`, `A3:${lastColumn}3`, `A4:${lastColumn}4`]));
    expect(sheet.getCell('A1').value).toBe('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(sheet.getCell('A1').font.bold).toBe(true);
    expect(sheet.getCell('A3').value).toBe('Từ ngày 01/02/2026 đến ngày 28/02/2026');
    expect(sheet.getCell('A4').value).toBe('Số liệu tính đến 16:30 ngày 28/02/2026');

    // Bold, bordered headers in a frozen row.
    const headerRow = headerRowOf(sheet);
    const header = table.columns.map((_, index) => sheet.getCell(headerRow, index + 1));
    expect(header.map((cell) => cell.value)).toEqual(table.columns.map((column) => column.header));
    expect(header.map((cell) => cell.value)).toEqual(expect.arrayContaining(['Kỳ trước chuyển sang', 'Đang giải quyết quá hạn', 'Tỷ lệ đúng hạn']));
    for (const cell of header) {
      expect(cell.font.bold).toBe(true);
      expect(cell.border.top?.style).toBe('thin');
      expect(cell.border.bottom?.style).toBe('thin');
    }
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });

    // Numbers stay numbers, with the integer and percent formats.
    const column = (key: string) => table.columns.findIndex((c) => c.key === key) + 1;
    const first = headerRow + 1;
    expect(sheet.getCell(first, column('received')).value).toBe(148_636);
    expect(sheet.getCell(first, column('received')).numFmt).toBe('#,##0');
    expect(sheet.getCell(first, column('onTimeRate')).numFmt).toBe('0.00%');
    expect(sheet.getCell(first, column('onTimeRate')).value).toBeCloseTo(0.9352, 4);
    expect(sheet.getCell(first + 2, column('onTimeRate')).value).toBeNull();
    expect(sheet.getCell(first, column('label')).value).toBe('Đăng ký khai sinh');

    // The totals line: bold, and each count the sum of the rows above it.
    const totalsRow = first + table.rows.length;
    expect(sheet.getCell(totalsRow, column('label')).value).toBe('Tổng cộng');
    expect(sheet.getCell(totalsRow, column('label')).font.bold).toBe(true);
    for (const counted of table.columns.filter((c) => c.kind === 'integer' && c.key !== 'number')) {
      const index = column(counted.key);
      let sum = 0;
      for (let row = first; row < totalsRow; row++) sum += sheet.getCell(row, index).value as number;
      expect(sheet.getCell(totalsRow, index).value).toBe(sum);
      expect(sheet.getCell(totalsRow, index).numFmt).toBe('#,##0');
      expect(sheet.getCell(totalsRow, index).font.bold).toBe(true);
    }
    expect(sheet.getCell(totalsRow, column('onTimeRate')).value).toBeCloseTo(139_380 / 149_030, 10);

    // Notes under the table.
    const texts = sheet.getColumn(1).values.filter((value): value is string => typeof value === 'string');
    expect(texts).toContain('Ghi chú:');
    expect(texts.some((text) => text.includes('Tỷ lệ đúng hạn = (Trước hạn + Đúng hạn)'))).toBe(true);

    // Column widths from the table.
    expect(sheet.getColumn(column('label')).width).toBe(45);
  });

  it('writes scores with two decimals and percentages as fractions', async () => {
    const table = indicatorsTable(sampleIndicators());
    const { sheet } = await readBack(await renderXlsx(table, { now }));
    const headerRow = headerRowOf(sheet);
    const score = table.columns.findIndex((c) => c.key === 'score') + 1;
    const value = table.columns.findIndex((c) => c.key === 'value') + 1;
    expect(sheet.getCell(headerRow + 1, score).numFmt).toBe('#,##0.00');
    expect(sheet.getCell(headerRow + 1, score).value).toBe(1.87);
    expect(sheet.getCell(headerRow + 1, value).numFmt).toBe('0.00%');
    expect(sheet.getCell(headerRow + 3, score).value).toBe(1.87); // Tổng cộng
  });

  it('names the sheet after the title when not told, as Excel allows', async () => {
    const { sheet } = await readBack(await renderXlsx(staffingTableOf(sampleStaffing()), { now }));
    expect(sheet.name).toBe('Số lượng công chức, viên chức l');
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    expect(safeSheetName('Báo cáo [tháng 02/2026]: *tổng hợp*?')).toBe('Báo cáo tháng 02 2026 tổng hợp');
    expect(safeSheetName("'Sổ theo dõi'")).toBe('Sổ theo dõi');
    expect(safeSheetName('///')).toBe('Báo cáo');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
  });

  it('keeps 5,000 lines of the tracking book well under the 1 MB a bus message carries', async () => {
    const file = await renderXlsx(trackingBookTable(sampleTrackingBook(5_000, 12_000)), { now });
    expect(Math.ceil(file.length / 3) * 4).toBeLessThan(900_000);
    const { sheet } = await readBack(file);
    expect(sheet.getCell(headerRowOf(sheet) + 5_000, 2).value).toBe('H20.05983-260201-5000');
  });
});
