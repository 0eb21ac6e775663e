import type { Content } from 'pdfmake/interfaces';
import type { Applicant } from '@mc/contracts';
import { applicantFields, applicantName } from './applicant';
import { field, officialDocument, signatures, titleBlock, type FormFrame } from './layout';
import { renderPdf } from './pdf-engine';
import { vnTime } from './vietnam-time';

export interface ApologyData {
  code: string;
  applicant: Applicant;
  procedureName: string;
  receivedAt: string;
  originalDueAt: string;
  reason: string;
  newDueAt: string;
  signerName: string;
}

/**
 * Mẫu 04: the 2018 "Phiếu xin lỗi và hẹn lại ngày trả kết quả" sets a new
 * appointment; the 2025 "Văn bản xin lỗi và đề nghị gia hạn" asks the applicant
 * to accept the longer time. Same data, the closing sentence differs.
 */
export function renderApology(frame: FormFrame, data: ApologyData): Promise<Buffer> {
  const name = applicantName(data.applicant);
  const closing =
    frame.regime === '2018'
      ? `${frame.unit.name} xin lỗi ông/bà ${name} và hẹn lại ngày trả kết quả vào: `
      : `${frame.unit.name} xin lỗi ông/bà ${name} và đề nghị gia hạn thời gian giải quyết, trả kết quả vào: `;
  const body: Content[] = [
    titleBlock(frame, [`Mã hồ sơ: ${data.code}`]),
    { text: `Ngày ${vnTime(data.receivedAt).replace(/^.*ngày /, '')}, cơ quan đã tiếp nhận hồ sơ của:`, margin: [0, 0, 0, 3] },
    ...applicantFields(data.applicant, 'Tên tổ chức, cá nhân'),
    field('Nội dung yêu cầu giải quyết', data.procedureName, { bold: true }),
    field('Thời gian hẹn trả kết quả giải quyết hồ sơ', vnTime(data.originalDueAt)),
    {
      text: 'Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ của ông/bà đúng hạn.',
      margin: [0, 4, 0, 3],
    },
    field('Lý do', data.reason),
    {
      text: 'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, thời gian của ông/bà.',
      margin: [0, 4, 0, 3],
    },
    { text: [{ text: closing }, { text: vnTime(data.newDueAt), bold: true }, { text: '.' }], alignment: 'justify' },
    { text: 'Mong nhận được sự cảm thông của ông/bà.', margin: [0, 3, 0, 0] },
    signatures([{ position: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: data.signerName }]),
  ];
  return renderPdf(officialDocument(frame, body));
}
