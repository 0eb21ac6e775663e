import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Applicant, SubmittedComponentView } from '@mc/contracts';
import { applicantFields } from './applicant';
import { field, headerCell, officialDocument, signatures, TABLE_LAYOUT, titleBlock, type FormFrame } from './layout';
import { renderPdf } from './pdf-engine';
import { qrCode } from './qr-code';
import { vnTime } from './vietnam-time';

export interface ReceiptData {
  code: string;
  applicant: Applicant;
  procedureName: string;
  components: SubmittedComponentView[];
  /** "3 ngày làm việc"; null when the catalog could not say. */
  statutoryTime: string | null;
  receivedAt: string;
  dueAt: string;
  /** Where the result is collected: the counter, a postal address or the citizen's data store. */
  collectAt: string;
  receivedByName: string;
  /** The public tracking page with the code and the token: what the QR code carries. */
  trackingUrl: string;
}

const COPY_TYPES: Record<string, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certified_copy: 'Bản sao có chứng thực',
  present_original: 'Xuất trình bản chính',
};

const componentTable = (components: SubmittedComponentView[]): Content => {
  const body: TableCell[][] = [[headerCell('TT'), headerCell('Tên loại giấy tờ'), headerCell('Hình thức'), headerCell('Số lượng')]];
  components.forEach((component, index) =>
    body.push([
      { text: String(index + 1), alignment: 'center' },
      { text: component.name },
      { text: COPY_TYPES[component.copyType] ?? component.copyType, alignment: 'center' },
      { text: String(component.quantity).padStart(2, '0'), alignment: 'center' },
    ]),
  );
  if (!components.length) body.push([{ text: 'Không có thành phần nào được ghi nhận.', colSpan: 4, italics: true }, {}, {}, {}]);
  return { table: { headerRows: 1, dontBreakRows: true, widths: [24, '*', 128, 52], body }, layout: TABLE_LAYOUT, margin: [0, 2, 0, 6] };
};

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with the QR code of the public tracking page. */
export function renderReceipt(frame: FormFrame, data: ReceiptData): Promise<Buffer> {
  const body: Content[] = [
    titleBlock(frame, [`Mã hồ sơ: ${data.code}`]),
    { text: `${frame.unit.name} đã tiếp nhận hồ sơ của:`, margin: [0, 0, 0, 3] },
    ...applicantFields(data.applicant, 'Tên tổ chức, cá nhân'),
    field('Nội dung yêu cầu giải quyết', data.procedureName, { bold: true }),
    { text: '1. Thành phần hồ sơ nộp gồm:', margin: [0, 4, 0, 0] },
    componentTable(data.components),
    // The number of sets handed in is not kept by the dossier service: the clerk writes it by hand.
    { text: '2. Số lượng hồ sơ: ........ (bộ)', margin: [0, 0, 0, 3] },
    { text: `3. Thời gian giải quyết hồ sơ theo quy định là: ${data.statutoryTime ?? '........'}`, margin: [0, 0, 0, 3] },
    { text: `4. Thời gian nhận hồ sơ: ${vnTime(data.receivedAt)}`, margin: [0, 0, 0, 3] },
    { text: [{ text: '5. Thời gian trả kết quả giải quyết hồ sơ: ' }, { text: vnTime(data.dueAt), bold: true }], margin: [0, 0, 0, 3] },
    { text: `6. Đăng ký nhận kết quả tại: ${data.collectAt}`, margin: [0, 0, 0, 8] },
    {
      columns: [
        qrCode(data.trackingUrl, 96),
        {
          width: '*',
          stack: [
            { text: 'Tra cứu tình trạng hồ sơ', bold: true },
            { text: 'Quét mã QR hoặc mở địa chỉ dưới đây; mã tra cứu đã có trong địa chỉ, không cần nhập lại.', fontSize: 11.5, italics: true },
            { text: data.trackingUrl, fontSize: 10, margin: [0, 3, 0, 0] },
          ],
          margin: [10, 14, 0, 0],
        },
      ],
      unbreakable: true,
    },
    signatures([
      { position: 'NGƯỜI NỘP HỒ SƠ', name: null },
      { position: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.receivedByName },
    ]),
  ];
  return renderPdf(officialDocument(frame, body));
}
