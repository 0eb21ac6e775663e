import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Applicant, ControlSlipLine } from '@mc/contracts';
import { formatVietnamDateTime } from '@mc/working-calendar';
import { applicantName } from './applicant';
import { field, headerCell, officialDocument, TABLE_LAYOUT, titleBlock, type FormFrame } from './layout';
import { renderPdf } from './pdf-engine';
import { vnTime } from './vietnam-time';

export interface ControlSlipData {
  code: string;
  applicant: Applicant;
  procedureName: string;
  receivedAt: string;
  dueAt: string;
  competentUnitName: string;
  /** Liên thông agencies, by name; empty when one agency handles the dossier alone. */
  partnerUnitNames: string[];
  lines: ControlSlipLine[];
}

/** Phiếu kiểm soát quá trình giải quyết hồ sơ (2018 Mẫu 05, 2025 Mẫu 06): one row per hand-over, with its verdict. */
export function renderControlSlip(frame: FormFrame, data: ControlSlipData): Promise<Buffer> {
  const body: TableCell[][] = [
    [headerCell('TT'), headerCell('Giao – Nhận hồ sơ'), headerCell('Thời gian giao, nhận'), headerCell('Hạn của bước'), headerCell('Kết quả'), headerCell('Ghi chú')],
  ];
  data.lines.forEach((line, index) =>
    body.push([
      { text: String(index + 1), alignment: 'center' },
      { text: [{ text: 'Giao: ', italics: true }, `${line.from}\n`, { text: 'Nhận: ', italics: true }, line.to || 'Kết thúc'] },
      { text: formatVietnamDateTime(line.handedAt), alignment: 'center' },
      { text: line.stepDueAt ? formatVietnamDateTime(line.stepDueAt) : '', alignment: 'center' },
      { text: line.verdictLabel ?? '', alignment: 'center' },
      { text: line.note ?? '' },
    ]),
  );
  if (!data.lines.length) body.push([{ text: 'Hồ sơ chưa được chuyển giao lần nào.', colSpan: 6, italics: true }, {}, {}, {}, {}, {}]);
  const content: Content[] = [
    titleBlock(frame, [`Mã hồ sơ: ${data.code}`]),
    field('Tên tổ chức, cá nhân', applicantName(data.applicant), { bold: true }),
    field('Nội dung yêu cầu giải quyết', data.procedureName),
    field('Thời gian nhận hồ sơ', vnTime(data.receivedAt)),
    field('Thời gian trả kết quả', vnTime(data.dueAt)),
    field('Cơ quan (bộ phận) giải quyết hồ sơ', data.competentUnitName),
    field('Cơ quan phối hợp giải quyết hồ sơ', data.partnerUnitNames.length ? data.partnerUnitNames.join('; ') : 'Không'),
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [20, '*', 72, 72, 52, 70], body },
      layout: TABLE_LAYOUT,
      fontSize: 11.5,
      margin: [0, 8, 0, 0],
    },
  ];
  return renderPdf(officialDocument(frame, content));
}
