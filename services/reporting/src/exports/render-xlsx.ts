import { Workbook, type Border, type Borders, type Cell } from 'exceljs';
import type { ReportColumnKind, ReportTable } from '@mc/contracts';

export const WORKBOOK_CREATOR = 'Hệ thống một cửa điện tử tỉnh Lạng Sơn';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Numbers stay numbers with a number format, never text: Excel then shows
 * 148.636 and 93,52% under a Vietnamese locale and the cells still add up.
 */
export const NUMBER_FORMATS: Record<ReportColumnKind, string | undefined> = {
  text: undefined,
  integer: '#,##0',
  percent: '0.00%',
  score: '#,##0.00',
};

const THIN: Border = { style: 'thin', color: { argb: 'FF808080' } };
const BOX: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } } as const;
const TOTALS_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
const FONT = 'Times New Roman';

/** A worksheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .slice(0, 31)
    .trim();
  return cleaned || 'Báo cáo';
}

export interface XlsxOptions {
  sheetName?: string;
  /** The workbook's creation time; now unless given (tests pin it). */
  now?: Date;
}

function widthOf(column: ReportTable['columns'][number]): number {
  if (column.width) return column.width;
  return column.kind === 'text' ? Math.min(40, Math.max(12, column.header.length)) : Math.max(10, Math.min(16, column.header.length));
}

function writeValue(cell: Cell, value: string | number | null | undefined, kind: ReportColumnKind): void {
  cell.value = value ?? null;
  const format = NUMBER_FORMATS[kind];
  if (format && typeof value === 'number') cell.numFmt = format;
}

/** One worksheet: title and subtitle merged across the table, frozen header row, "Tổng cộng" in bold, notes below. */
export async function renderXlsx(table: ReportTable, options: XlsxOptions = {}): Promise<Buffer> {
  const now = options.now ?? new Date();
  const workbook = new Workbook();
  workbook.creator = WORKBOOK_CREATOR;
  workbook.lastModifiedBy = WORKBOOK_CREATOR;
  workbook.company = WORKBOOK_CREATOR;
  workbook.title = table.title;
  workbook.subject = table.subtitle.join('; ');
  workbook.created = now;
  workbook.modified = now;

  const columnCount = table.columns.length;
  const headerRowNumber = 1 + table.subtitle.length + 2; // title, subtitle lines, a blank line
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName ?? table.title), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRowNumber, showGridLines: true }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: columnCount > 7 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRowNumber}:${headerRowNumber}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&CTrang &P/&N' },
  });
  sheet.columns = table.columns.map((column) => ({ key: column.key, width: widthOf(column) }));

  const mergedLine = (rowNumber: number, text: string, font: Partial<Cell['font']>, height?: number) => {
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = text;
    row.getCell(1).font = { name: FONT, ...font };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (height) row.height = height;
    if (columnCount > 1) sheet.mergeCells(rowNumber, 1, rowNumber, columnCount);
  };
  mergedLine(1, table.title.toUpperCase(), { bold: true, size: 14 }, 24);
  table.subtitle.forEach((line, index) => mergedLine(2 + index, line, { italic: index > 0, size: 12 }));

  const header = sheet.getRow(headerRowNumber);
  table.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { name: FONT, bold: true, size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BOX;
    cell.fill = HEADER_FILL;
  });
  // Headers wrap inside their column; give the row room for the longest one.
  const headerLines = Math.max(...table.columns.map((column) => Math.ceil(column.header.length / Math.max(4, widthOf(column) - 1))));
  header.height = Math.max(20, 15 * headerLines + 4);

  const writeRow = (rowNumber: number, values: ReportTable['rows'][number], totals: boolean) => {
    const row = sheet.getRow(rowNumber);
    let lines = 1;
    table.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const value = values[column.key];
      writeValue(cell, value, column.kind);
      cell.font = { name: FONT, size: 11, bold: totals };
      cell.border = BOX;
      cell.alignment =
        column.kind === 'text'
          ? { horizontal: totals ? 'center' : 'left', vertical: 'top', wrapText: true }
          : { horizontal: column.key === 'number' ? 'center' : 'right', vertical: 'top' };
      if (totals) cell.fill = TOTALS_FILL;
      if (typeof value === 'string') {
        const width = Math.max(4, widthOf(column) - 1);
        lines = Math.max(lines, value.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / width)), 0));
      }
    });
    if (lines > 1) row.height = Math.min(409, 15 * lines + 2);
  };
  let rowNumber = headerRowNumber + 1;
  for (const values of table.rows) writeRow(rowNumber++, values, false);
  if (table.totals) writeRow(rowNumber++, table.totals, true);

  if (table.notes.length) {
    rowNumber++;
    const totalWidth = table.columns.reduce((sum, column) => sum + widthOf(column), 0);
    const noteRow = (text: string, bold: boolean) => {
      const row = sheet.getRow(rowNumber);
      row.getCell(1).value = text;
      row.getCell(1).font = { name: FONT, size: 11, bold, italic: !bold };
      row.getCell(1).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
      if (columnCount > 1) sheet.mergeCells(rowNumber, 1, rowNumber, columnCount);
      row.height = Math.max(15, 15 * Math.ceil(text.length / Math.max(20, totalWidth - 2)) + 2);
      rowNumber++;
    };
    noteRow('Ghi chú:', true);
    for (const note of table.notes) noteRow(`- ${note}`, false);
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
