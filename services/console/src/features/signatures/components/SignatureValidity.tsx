import { useMutation } from '@tanstack/react-query';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { formatDateTime } from '@mc/web-api';
import { VERDICT_COLOURS } from '../../dossier/components/VerdictTag';
import { verifyStoredDocument, type SignatureView } from '../api/signatures-api';

/**
 * Whether a recorded signature holds: the signatures service records one only
 * after checking it (valid, whole file, trusted chain, not revoked), and the
 * stored file can be checked again now.
 */
export function SignatureValidity({ signature }: { signature: SignatureView }) {
  const check = useMutation({ mutationFn: async (documentId: string) => ({ at: new Date().toISOString(), view: await verifyStoredDocument(documentId) }) });
  const documentId = signature.documentId;
  const result = check.data;
  return (
    <Space direction="vertical" size={4}>
      {result ? (
        <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{result.view.clerkReport}</span>}>
          <Tag color={result.view.report.valid ? VERDICT_COLOURS.early : VERDICT_COLOURS.late} tabIndex={0}>
            {result.view.report.valid ? 'Hợp lệ' : 'Không còn hợp lệ'} (kiểm tra lúc {formatDateTime(result.at)})
          </Tag>
        </Tooltip>
      ) : (
        <Tag color={VERDICT_COLOURS.early}>Hợp lệ khi ghi nhận</Tag>
      )}
      {check.error && <Typography.Text type="danger">{check.error.message}</Typography.Text>}
      {documentId && (
        <Button size="small" aria-label={`Kiểm tra lại chữ ký của ${signature.signerName}`} loading={check.isPending} onClick={() => check.mutate(documentId)}>
          Kiểm tra lại
        </Button>
      )}
    </Space>
  );
}
