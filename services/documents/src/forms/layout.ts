import type { Column, Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { FormRegime } from '@mc/contracts';
import { FONT_FAMILY } from './pdf-engine';
import { placeAndDate } from './vietnam-time';

/** Who issues a form: the governing body on the first line, the issuing unit (bold) on the second. */
export interface IssuingUnit {
  governingBody: string;
  name: string;
}

/** What every form prints around its body: the heading, its number, place and date, and its title. */
export interface FormFrame {
  regime: FormRegime;
  /** "Mẫu số 01"; null for a paper the regime gives no form of its own. */
  formNumber: string | null;
  /** "TT 03/2025/TT-VPCP" */
  circular: string;
  /** "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" */
  title: string;
  unit: IssuingUnit;
  /** "Số: …" line under the unit; null for a form without one. */
  number: string | null;
  /** The locality in the date line: "Lạng Sơn". */
  place: string;
  issuedAt: string;
}

// Points: A4 is 595.28 × 841.89; one millimetre is 72/25.4 points.
const MM = 72 / 25.4;
export const A4_PORTRAIT_WIDTH = 595.28;
export const A4_LANDSCAPE_WIDTH = 841.89;
/** NĐ 30/2020, Phụ lục I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const PAGE_MARGINS: [number, number, number, number] = [30 * MM, 20 * MM, 15 * MM, 20 * MM];
export const contentWidth = (landscape: boolean) => (landscape ? A4_LANDSCAPE_WIDTH : A4_PORTRAIT_WIDTH) - PAGE_MARGINS[0] - PAGE_MARGINS[2];

const NO_LINES = { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 };

/** Text centred with a rule exactly as wide as it underneath, as the national motto and the issuing unit are written. */
function underlined(text: string, style: Record<string, unknown>): Content {
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 'auto',
        table: { body: [[{ text, ...style }]] },
        layout: { ...NO_LINES, hLineWidth: (line: number) => (line === 1 ? 0.6 : 0), paddingBottom: () => 1.5 },
      },
      { width: '*', text: '' },
    ],
  };
}

function heading(frame: FormFrame): Content {
  const left: Content[] = [
    { text: frame.unit.governingBody.toLocaleUpperCase('vi'), alignment: 'center', fontSize: 12 },
    underlined(frame.unit.name.toLocaleUpperCase('vi'), { bold: true, fontSize: 12, alignment: 'center' }),
  ];
  if (frame.number) left.push({ text: frame.number, alignment: 'center', fontSize: 13, margin: [0, 6, 0, 0] });
  const right: Content[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, alignment: 'center', fontSize: 12 },
    underlined('Độc lập - Tự do - Hạnh phúc', { bold: true, fontSize: 13.5, alignment: 'center' }),
    { text: placeAndDate(frame.place, frame.issuedAt), italics: true, alignment: 'center', fontSize: 13, margin: [0, 6, 0, 0] },
  ];
  return { columns: [{ width: '44%', stack: left }, { width: '56%', stack: right }], columnGap: 4 };
}

/** "Mẫu số 01 (TT 03/2025/TT-VPCP)" above the heading; nothing for a paper the regime gives no form of its own. */
function formMark(frame: FormFrame): Content {
  if (!frame.formNumber) return { text: '', margin: [0, 0, 0, 6] };
  return { text: `${frame.formNumber} (${frame.circular})`, alignment: 'right', italics: true, fontSize: 10, margin: [0, 0, 0, 6] };
}

export function titleBlock(frame: FormFrame, lines: string[] = []): Content {
  return {
    stack: [
      { text: frame.title.toLocaleUpperCase('vi'), bold: true, fontSize: 14, alignment: 'center' },
      ...lines.map((line): Content => ({ text: line, alignment: 'center', fontSize: 13 })),
    ],
    margin: [0, 18, 0, 12],
  };
}

/** "Label: value" with the label in regular weight and the value as given. */
export const field = (label: string, value: string, extra: Record<string, unknown> = {}): Content => ({
  text: [{ text: `${label}: ` }, { text: value, ...extra }],
  margin: [0, 0, 0, 3],
});

export interface SignatureBlock {
  /** "NGƯỜI TIẾP NHẬN HỒ SƠ" */
  position: string;
  /** "(Ký và ghi rõ họ tên)" */
  note?: string;
  /** Printed under the space left for the signature; null leaves it for the hand. */
  name: string | null;
}

/** Side by side; a lone signer signs in the right half, as on the official forms. */
export function signatures(blocks: SignatureBlock[]): Content {
  const lone: Column[] = blocks.length === 1 ? [{ width: '*', text: '' }] : [];
  const signed = blocks.map(
    (block): Column => ({
      width: '*',
      stack: [
        { text: block.position, bold: true, alignment: 'center', fontSize: 13 },
        { text: block.note ?? '(Ký và ghi rõ họ tên)', italics: true, alignment: 'center', fontSize: 12 },
        { text: block.name ?? ' ', bold: true, alignment: 'center', fontSize: 13, margin: [0, 60, 0, 0] },
      ],
    }),
  );
  return { columns: [...lone, ...signed], margin: [0, 18, 0, 0], unbreakable: true };
}

export const TABLE_LAYOUT = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export const headerCell = (text: string): TableCell => ({ text, bold: true, alignment: 'center', fontSize: 12 });

/** A4, margins of NĐ 30/2020, Tinos 13 pt, the heading and the form's mark above the body; "Trang x/y" once there are several pages. */
export function officialDocument(frame: FormFrame, body: Content[], options: { landscape?: boolean } = {}): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: options.landscape ? 'landscape' : 'portrait',
    pageMargins: PAGE_MARGINS,
    info: {
      title: frame.formNumber ? `${frame.formNumber} — ${frame.title}` : frame.title,
      author: frame.unit.name,
      creator: 'Hệ thống một cửa điện tử',
      producer: 'Hệ thống một cửa điện tử',
      creationDate: new Date(frame.issuedAt),
    },
    content: [formMark(frame), heading(frame), ...body],
    footer: (currentPage: number, pageCount: number) =>
      pageCount > 1 ? { text: `Trang ${currentPage}/${pageCount}`, alignment: 'center', fontSize: 10, margin: [0, 20, 0, 0] } : null,
    defaultStyle: { font: FONT_FAMILY, fontSize: 13, lineHeight: 1.15 },
  };
}
