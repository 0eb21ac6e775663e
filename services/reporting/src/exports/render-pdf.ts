import path from 'node:path';
import pdfmake = require('pdfmake');
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportTable } from '@mc/contracts';
import { WORKBOOK_CREATOR } from './render-xlsx';
import { formatCell } from '../read-models/vietnamese-numbers';

export const PDF_CONTENT_TYPE = 'application/pdf';

// Roboto as pdfmake ships it: it covers every Vietnamese letter with its diacritics.
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake')), '..', 'fonts', 'Roboto');
const ROBOTO = {
  normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
};
const ROBOTO_FILES = new Set(Object.values(ROBOTO));

// A report reads nothing but its fonts: no image or file from the disk, nothing from the network.
pdfmake.setFonts({ Roboto: ROBOTO });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => ROBOTO_FILES.has(path.resolve(file)));

// Points: A4 is 595.28 × 841.89.
const A4_SHORT = 595.28;
const A4_LONG = 841.89;
const MARGIN = 28;
const CELL_PADDING = 2 * 3 + 1; // left and right padding of the layout below, plus a border

export interface PdfOptions {
  /** The document's creation time; now unless given. */
  now?: Date;
}

export function isLandscape(table: ReportTable): boolean {
  return table.columns.length > 7 || table.columns.reduce((sum, column) => sum + (column.width ?? 12), 0) > 110;
}

/** Column widths in points, in proportion to the widths the table asks for, filling the page. */
function columnWidths(table: ReportTable, pageWidth: number): number[] {
  const weights = table.columns.map((column) => column.width ?? 12);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const available = pageWidth - 2 * MARGIN - table.columns.length * CELL_PADDING;
  return weights.map((weight) => Math.floor((available * weight) / total));
}

function bodyRow(table: ReportTable, values: ReportTable['rows'][number], totals: boolean): TableCell[] {
  return table.columns.map((column) => ({
    text: formatCell(values[column.key], column.kind),
    alignment: column.kind === 'text' ? (totals ? 'center' : 'left') : column.key === 'number' ? 'center' : 'right',
    bold: totals,
    fillColor: totals ? '#f2f2f2' : undefined,
  }));
}

/** A4 (landscape when the table is wide), title, subtitle, the table with its header on every page, notes, "Trang x/y". */
export async function renderPdf(table: ReportTable, options: PdfOptions = {}): Promise<Buffer> {
  const landscape = isLandscape(table);
  const pageWidth = landscape ? A4_LONG : A4_SHORT;
  const fontSize = table.columns.length > 12 ? 7.5 : table.columns.length > 8 ? 8 : 9;
  const header: TableCell[] = table.columns.map((column) => ({ text: column.header, style: 'header' }));
  const body: TableCell[][] = [header, ...table.rows.map((row) => bodyRow(table, row, false))];
  if (table.totals) body.push(bodyRow(table, table.totals, true));

  const content: Content[] = [
    { text: table.title.toUpperCase(), style: 'title' },
    ...table.subtitle.map((line, index): Content => ({ text: line, style: index === 0 ? 'subtitle' : 'subtitleLine' })),
    {
      table: { headerRows: 1, dontBreakRows: true, widths: columnWidths(table, pageWidth), body },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => '#808080',
        vLineColor: () => '#808080',
        paddingLeft: () => 3,
        paddingRight: () => 3,
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
      margin: [0, 8, 0, 0],
    },
  ];
  if (table.notes.length) {
    content.push({ text: 'Ghi chú:', bold: true, margin: [0, 10, 0, 2] });
    content.push({ ul: table.notes.map((note) => ({ text: note })), style: 'notes' });
  }

  const now = options.now ?? new Date();
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN + 14],
    info: { title: table.title, author: WORKBOOK_CREATOR, creator: WORKBOOK_CREATOR, producer: WORKBOOK_CREATOR, creationDate: now },
    content,
    footer: (currentPage: number, pageCount: number) => ({
      text: `Trang ${currentPage}/${pageCount}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 12, 0, 0],
    }),
    defaultStyle: { font: 'Roboto', fontSize, lineHeight: 1.1 },
    styles: {
      title: { fontSize: 13, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, alignment: 'center' },
      subtitleLine: { fontSize: 9, italics: true, alignment: 'center' },
      header: { bold: true, alignment: 'center', fillColor: '#e7eef7' },
      notes: { fontSize: 8, italics: true },
    },
  };
  return pdfmake.createPdf(definition).getBuffer();
}
