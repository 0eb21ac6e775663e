import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { signingRequest, type SigningRequestView } from '../api/signatures-api';

const ENDED: Record<Exclude<SigningRequestView['status'], 'pending' | 'signed'>, string> = {
  refused: 'Người ký đã từ chối ký',
  expired: 'Hết thời gian chờ xác nhận',
  failed: 'Không ký được',
};

/** A signing request followed until it ends: a phone may take minutes to answer, so the page asks every two seconds meanwhile. */
export function SigningProgress({ id, what, onAgain }: { id: string; what: string; onAgain: () => void }) {
  const client = useQueryClient();
  const request = useQuery({
    queryKey: ['signing-request', id],
    queryFn: () => signingRequest(id),
    refetchInterval: (query) => (query.state.data?.status === 'pending' || !query.state.data ? 2_000 : false),
  });
  const status = request.data?.status;
  const code = request.data?.dossierCode;
  useEffect(() => {
    if (status !== 'signed' || !code) return;
    void client.invalidateQueries({ queryKey: ['dossier-signatures', code] });
    void client.invalidateQueries({ queryKey: ['dossier-documents', code] });
  }, [client, status, code]);

  if (request.error) return <ErrorAlert error={request.error} />;
  const data = request.data;
  if (!data || data.status === 'pending') {
    return (
      <Alert
        role="status"
        type="info"
        showIcon
        message={`${what}: đang chờ xác nhận trên điện thoại`}
        description="Mở ứng dụng ký số từ xa trên điện thoại và xác nhận yêu cầu ký. Chữ ký số lưu tại cơ quan thì việc ký tự hoàn tất sau ít giây."
      />
    );
  }
  if (data.status === 'signed') {
    const signature = data.signature;
    return (
      <Alert
        role="status"
        type="success"
        showIcon
        message={`${what}: đã ký số${signature ? ` lúc ${signature.signedAtDisplay}` : ''}`}
        description={signature ? `Người ký ${signature.signerName}, chứng thư số ${signature.certificateSerial}.` : undefined}
      />
    );
  }
  return (
    <Alert
      role="alert"
      type="warning"
      showIcon
      message={`${what}: ${ENDED[data.status]}`}
      description={data.reason ?? undefined}
      action={
        <Button id="sign-again" onClick={onAgain}>
          Ký lại
        </Button>
      }
    />
  );
}
