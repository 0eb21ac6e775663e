import type { Content } from 'pdfmake/interfaces';
import type { Applicant } from '@mc/contracts';
import { applicantFields } from './applicant';
import { field, officialDocument, signatures, titleBlock, type FormFrame } from './layout';
import { renderPdf } from './pdf-engine';
import { vnTime } from './vietnam-time';

export interface StopNoticeData {
  code: string;
  applicant: Applicant;
  procedureName: string;
  receivedAt: string;
  stoppedAt: string;
  reason: string;
  signerName: string;
}

/** 2025 Mẫu 05: Thông báo dừng giải quyết hồ sơ (the 2018 regime: a notice with the same content). */
export function renderStopNotice(frame: FormFrame, data: StopNoticeData): Promise<Buffer> {
  const body: Content[] = [
    titleBlock(frame, [`Mã hồ sơ: ${data.code}`]),
    { text: `Cơ quan đã tiếp nhận hồ sơ lúc ${vnTime(data.receivedAt)} của:`, margin: [0, 0, 0, 3] },
    ...applicantFields(data.applicant, 'Tên tổ chức, cá nhân'),
    field('Nội dung yêu cầu giải quyết', data.procedureName, { bold: true }),
    { text: `${frame.unit.name} thông báo dừng giải quyết hồ sơ nêu trên kể từ ${vnTime(data.stoppedAt)}.`, margin: [0, 6, 0, 3], alignment: 'justify' },
    field('Lý do', data.reason, { bold: true }),
    { text: 'Xin thông báo để ông/bà được biết.', margin: [0, 3, 0, 0] },
    signatures([{ position: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: data.signerName }]),
  ];
  return renderPdf(officialDocument(frame, body));
}
