import { formatVietnamDateTime } from '@mc/working-calendar';
import type { SignatureFinding, VerificationReport } from './verify-pdf-signatures';

const INTEGRITY: Record<SignatureFinding['integrity'], string> = {
  valid: 'Toàn vẹn: nội dung được ký không bị thay đổi.',
  digest_mismatch: 'Toàn vẹn: KHÔNG ĐẠT — nội dung đã bị sửa sau khi ký (giá trị băm không khớp).',
  signature_invalid: 'Toàn vẹn: KHÔNG ĐẠT — chữ ký không khớp với chứng thư của người ký.',
  malformed: 'Toàn vẹn: KHÔNG ĐẠT — chữ ký bị hỏng hoặc không đọc được.',
};

const CHAIN: Record<SignatureFinding['chain'], string> = {
  trusted: 'Chứng thư số: hợp lệ, do tổ chức cung cấp dịch vụ chứng thực được tin cậy cấp.',
  untrusted: 'Chứng thư số: KHÔNG được tin cậy — không dẫn về tổ chức chứng thực nào hệ thống tin cậy.',
  expired: 'Chứng thư số: ĐÃ HẾT HẠN tại thời điểm ký.',
  not_yet_valid: 'Chứng thư số: CHƯA CÓ HIỆU LỰC tại thời điểm ký.',
};

function revocationLine(finding: SignatureFinding): string {
  if (finding.revocation === 'revoked') return `Tình trạng thu hồi: ĐÃ BỊ THU HỒI từ ${formatVietnamDateTime(new Date(finding.revokedAt!))}, trước thời điểm ký.`;
  if (finding.revocation === 'unknown') return 'Tình trạng thu hồi: không kiểm tra được (không có danh sách thu hồi của tổ chức cấp).';
  if (finding.revokedAt) return `Tình trạng thu hồi: chưa bị thu hồi tại thời điểm ký (bị thu hồi sau, từ ${formatVietnamDateTime(new Date(finding.revokedAt))}).`;
  return 'Tình trạng thu hồi: chưa bị thu hồi tại thời điểm ký.';
}

function signatureLines(finding: SignatureFinding): string[] {
  const time = finding.signedAt ? formatVietnamDateTime(new Date(finding.signedAt)) : 'không rõ';
  const source = finding.timeSource === 'timestamp' ? `theo dấu thời gian của ${finding.timestamp?.authority}` : 'theo khai báo của người ký, không có dấu thời gian';
  return [
    `Chữ ký ${finding.index}: ${finding.valid ? 'HỢP LỆ' : 'KHÔNG HỢP LỆ'}`,
    `  Người ký: ${finding.signer ? `${finding.signer.commonName} (${finding.signer.subject})` : 'không xác định'}`,
    `  Thời điểm ký: ${time} (${source})`,
    `  ${INTEGRITY[finding.integrity]}`,
    `  Phạm vi ký: ${finding.wholeDocument ? 'toàn bộ văn bản.' : 'một phần văn bản — có nội dung được thêm sau khi ký:'}`,
    ...finding.laterChanges.map((change) => `    - ${change}`),
    `  ${CHAIN[finding.chain]}`,
    `  ${revocationLine(finding)}`,
    ...(finding.timestamp && !finding.timestamp.valid ? ['  Dấu thời gian: KHÔNG HỢP LỆ.'] : []),
  ];
}

/** The report a clerk reads before accepting a signed document from a citizen. */
export function clerkReport(report: VerificationReport): string {
  if (report.signatureCount === 0) return 'Văn bản không có chữ ký số.';
  const verdict = report.valid
    ? `Kết luận: văn bản có ${report.signatureCount} chữ ký số, tất cả hợp lệ, và chữ ký cuối cùng bao trùm toàn bộ văn bản.`
    : 'Kết luận: KHÔNG chấp nhận văn bản này là văn bản điện tử đã ký hợp lệ; xem chi tiết từng chữ ký dưới đây.';
  return [verdict, ...report.signatures.flatMap(signatureLines)].join('\n');
}
