import { useMutation } from '@tanstack/react-query';
import { Alert, Card, Space, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { base64Of, verifyPdf } from '../api/signatures-api';
import { PdfPicker } from './PdfPicker';

/**
 * Kiểm tra chữ ký số: any signed PDF a citizen or another office brings, checked
 * by the signatures service (integrity, what the signature covers, the chain,
 * revocation at the signing time), with its report in Vietnamese for the clerk.
 */
export function VerifyPage() {
  const verify = useMutation({ mutationFn: async (file: File) => ({ filename: file.name, view: await verifyPdf(await base64Of(file)) }) });
  const result = verify.data;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>Kiểm tra chữ ký số</Typography.Title>
      <Card size="small">
        <Typography.Paragraph>Tệp PDF đã ký số do công dân, cơ quan khác gửi đến hoặc tải từ hệ thống: kiểm tra toàn vẹn, phạm vi ký, chứng thư số và tình trạng thu hồi tại thời điểm ký.</Typography.Paragraph>
        <PdfPicker id="verify-pdf" label="Chọn tệp PDF cần kiểm tra…" disabled={verify.isPending} onPick={(file) => verify.mutate(file)} />
        {verify.isPending && <Typography.Paragraph role="status">Đang kiểm tra…</Typography.Paragraph>}
      </Card>
      {verify.error && <ErrorAlert error={verify.error} />}
      {result && (
        <Card title={`Kết quả kiểm tra tệp ${result.filename}`} size="small">
          <Alert
            role="status"
            type={result.view.report.valid ? 'success' : 'error'}
            showIcon
            message={
              result.view.report.valid
                ? `Hợp lệ: ${result.view.report.signatureCount} chữ ký số, chữ ký cuối bao trùm toàn bộ tệp.`
                : result.view.report.signatureCount === 0
                  ? 'Tệp không có chữ ký số.'
                  : 'Không hợp lệ: xem chi tiết bên dưới.'
            }
            style={{ marginBottom: 12 }}
          />
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{result.view.clerkReport}</Typography.Paragraph>
          <Typography.Text type="secondary">SHA-256 của tệp: {result.view.report.documentSha256}</Typography.Text>
        </Card>
      )}
    </Space>
  );
}
