import type { Content, TableCell } from 'pdfmake/interfaces';
import { DOSSIER_STATE_LABELS, type TrackingBook } from '@mc/contracts';
import { headerCell, officialDocument, TABLE_LAYOUT, titleBlock, type FormFrame } from './layout';
import { renderPdf } from './pdf-engine';

/** Sổ theo dõi hồ sơ (2018 Mẫu 06, 2025 Mẫu 07) of a receiving unit for a period, on landscape A4. */
export function renderTrackingBook(frame: FormFrame, book: TrackingBook): Promise<Buffer> {
  const body: TableCell[][] = [
    [
      headerCell('STT'),
      headerCell('Mã hồ sơ'),
      headerCell('Tên thủ tục hành chính'),
      headerCell('Tổ chức, cá nhân'),
      headerCell('Ngày, giờ nhận'),
      headerCell('Hẹn trả kết quả'),
      headerCell('Ngày, giờ kết thúc'),
      headerCell('Kết quả, tình trạng'),
    ],
  ];
  for (const line of book.lines) {
    body.push([
      { text: String(line.number), alignment: 'center' },
      { text: line.code },
      { text: line.procedureName },
      { text: line.applicantName },
      { text: line.receivedAtDisplay, alignment: 'center' },
      { text: line.dueAtDisplay, alignment: 'center' },
      { text: line.finishedAtDisplay ?? '', alignment: 'center' },
      { text: line.result ?? DOSSIER_STATE_LABELS[line.state as keyof typeof DOSSIER_STATE_LABELS] ?? line.state, alignment: 'center' },
    ]);
  }
  if (!book.lines.length) body.push([{ text: 'Không có hồ sơ nào trong kỳ.', colSpan: 8, italics: true }, {}, {}, {}, {}, {}, {}, {}]);
  const content: Content[] = [
    titleBlock(frame, [`Từ ngày ${book.fromDisplay} đến ngày ${book.toDisplay} — ${book.total} hồ sơ`]),
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [28, 104, '*', 110, 64, 64, 64, 62], body },
      layout: TABLE_LAYOUT,
      fontSize: 11,
    },
  ];
  return renderPdf(officialDocument(frame, content, { landscape: true }));
}
