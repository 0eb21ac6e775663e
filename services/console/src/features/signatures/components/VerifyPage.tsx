import { useMutation } from '@tanstack/react-query';
import { Alert, Card, Space, Typography } from 'antd';
import type { ChangeEvent } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { verifyPdf } from '../api/signatures-api';

/** The file's bytes as base64, as the API takes a signed PDF inline. */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('Không đọc được tệp đã chọn. Chọn lại tệp PDF.'));
    reader.readAsDataURL(file);
  });

/**
 * Kiểm tra chữ ký số: any signed PDF a citizen or another office brings, checked
 * by the signatures service (integrity, what the signature covers, the chain,
 * revocation at the signing time), with its report in Vietnamese for the clerk.
 */
export function VerifyPage() {
  const verify = useMutation({ mutationFn: async (file: File) => ({ filename: file.name, view: await verifyPdf(await base64Of(file)) }) });
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) verify.mutate(file);
    event.target.value = '';
  };
  const result = verify.data;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>Kiểm tra chữ ký số</Typography.Title>
      <Card size="small">
        <label htmlFor="verify-pdf">
          <Typography.Text strong>Chọn tệp PDF đã ký số cần kiểm tra: </Typography.Text>
          <input id="verify-pdf" type="file" accept="application/pdf,.pdf" autoFocus disabled={verify.isPending} onChange={pick} />
        </label>
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
