import type { Content } from 'pdfmake/interfaces';
import type { Applicant } from '@mc/contracts';
import { applicantFields } from './applicant';
import { field, officialDocument, signatures, titleBlock, type FormFrame } from './layout';
import { renderPdf } from './pdf-engine';

export interface SupplementRequestData {
  code: string;
  applicant: Applicant;
  procedureName: string;
  /** Everything missing, in one list: the law allows one request only. */
  missing: string[];
  reason: string;
  issuedByName: string;
  /** Where to ask while completing the dossier. */
  contact: string;
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export function renderSupplementRequest(frame: FormFrame, data: SupplementRequestData): Promise<Buffer> {
  const body: Content[] = [
    titleBlock(frame, [`Mã hồ sơ: ${data.code}`]),
    ...applicantFields(data.applicant, 'Hồ sơ của'),
    field('Nội dung yêu cầu giải quyết', data.procedureName, { bold: true }),
    { text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', margin: [0, 6, 0, 2] },
    {
      ol: data.missing.length ? data.missing : ['Theo lý do nêu dưới đây.'],
      margin: [12, 0, 0, 6],
    },
    field('Lý do', data.reason),
    {
      text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ ${data.contact} để được hướng dẫn.`,
      margin: [0, 6, 0, 0],
    },
    signatures([{ position: 'NGƯỜI HƯỚNG DẪN', name: data.issuedByName }]),
  ];
  return renderPdf(officialDocument(frame, body));
}
