import type { Content } from 'pdfmake/interfaces';
import type { Applicant } from '@mc/contracts';
import { applicantFields } from './applicant';
import { field, officialDocument, signatures, titleBlock, type FormFrame } from './layout';
import { renderPdf } from './pdf-engine';
import { vnTime } from './vietnam-time';

export interface RefusalData {
  code: string;
  applicant: Applicant;
  procedureName: string;
  receivedAt: string;
  reason: string;
  signer: { position: string; name: string };
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export function renderRefusal(frame: FormFrame, data: RefusalData): Promise<Buffer> {
  const body: Content[] = [
    titleBlock(frame, [`Mã hồ sơ: ${data.code}`]),
    { text: `${frame.unit.name} đã tiếp nhận hồ sơ lúc ${vnTime(data.receivedAt)} của:`, margin: [0, 0, 0, 3] },
    ...applicantFields(data.applicant, 'Tên tổ chức, cá nhân'),
    field('Nội dung yêu cầu giải quyết', data.procedureName, { bold: true }),
    {
      text: 'Sau khi xem xét hồ sơ, đối chiếu với các quy định hiện hành, cơ quan thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      margin: [0, 6, 0, 3],
      alignment: 'justify',
    },
    { text: data.reason, bold: true, margin: [12, 0, 0, 6] },
    { text: 'Xin thông báo để ông/bà được biết và thực hiện.' },
    signatures([{ position: data.signer.position, name: data.signer.name }]),
  ];
  return renderPdf(officialDocument(frame, body));
}
