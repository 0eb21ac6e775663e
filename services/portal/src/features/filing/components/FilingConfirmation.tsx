import { Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { paths } from '@mc/web-api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageLink } from '../../../components/PageLink';
import { openDossierForm } from '../../../lib/api';
import { useSendAttachments, type AttachmentToSend } from '../../documents/api/send-attachments';
import { SendingList } from '../../documents/components/SendingList';

type FilingResult = paths['/api/v1/dossiers']['post']['responses'][201]['content']['application/json'];

/**
 * What filing gave: the receipt (Mẫu 01), the list of what is missing (Mẫu 02)
 * or a refusal (Mẫu 03) — printable as it is. An accepted dossier's files go
 * up from here, now that it has its code.
 */
export function FilingConfirmation({ result, attachments }: { result: FilingResult; attachments: AttachmentToSend[] }) {
  const [error, setError] = useState<Error | null>(null);
  if (result.outcome === 'accepted') {
    const { receipt } = result;
    const tracking = `/tra-cuu/${encodeURIComponent(receipt.code)}?token=${encodeURIComponent(receipt.tracking.token)}`;
    return (
      <>
        <div className="panel">
          <h1>Đã nộp hồ sơ</h1>
          <p>Mã hồ sơ của bạn</p>
          <p className="code" data-testid="ma-ho-so">
            {receipt.code}
          </p>
        </div>
        <dl className="summary-list">
          <div>
            <dt>Thủ tục</dt>
            <dd>{receipt.procedure.name}</dd>
          </div>
          <div>
            <dt>Ngày hẹn trả kết quả</dt>
            <dd>{receipt.dueAtDisplay}</dd>
          </div>
          <div>
            <dt>Mã tra cứu</dt>
            <dd style={{ wordBreak: 'break-all' }}>{receipt.tracking.token}</dd>
          </div>
        </dl>
        {attachments.length > 0 && <AttachmentsSent code={receipt.code} attachments={attachments} />}
        <h2>Tiếp theo</h2>
        <p>
          Cơ quan sẽ kiểm tra hồ sơ. Nếu cần bổ sung, bạn sẽ thấy yêu cầu trong <PageLink to="/ho-so">Hồ sơ của tôi</PageLink>. Xem hồ sơ đến đâu ở trang{' '}
          <PageLink to={tracking}>tra cứu hồ sơ</PageLink> bằng mã hồ sơ và mã tra cứu trên.
        </p>
        {error && <ErrorMessage error={error} />}
        <div className="no-print" style={{ display: 'grid', gap: 12 }}>
          <Button type="primary" size="large" onClick={() => openDossierForm(receipt.code, 'receipt', receipt.tracking.token).catch(setError)}>
            Tải giấy tiếp nhận (Mẫu 01)
          </Button>
          <Button size="large" onClick={() => window.print()}>
            In trang này
          </Button>
        </div>
      </>
    );
  }
  if (result.outcome === 'incomplete') {
    const { request } = result;
    return (
      <>
        <h1>Hồ sơ chưa đủ giấy tờ</h1>
        <p className="lead">{request.reason} Hồ sơ chưa được tiếp nhận. Chuẩn bị đủ các giấy tờ sau rồi nộp lại:</p>
        <ul>
          {request.missing.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
        <p>{request.guidance}</p>
        <p className="caption">Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02), lập lúc {request.issuedAtDisplay}.</p>
        <Button size="large" className="full-width no-print" onClick={() => window.print()}>
          In trang này
        </Button>
      </>
    );
  }
  return (
    <>
      <h1>Hồ sơ không được tiếp nhận</h1>
      <p className="lead">{result.notice.reason}</p>
      <p className="caption">Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03), lập lúc {result.notice.issuedAtDisplay}.</p>
    </>
  );
}

function AttachmentsSent({ code, attachments }: { code: string; attachments: AttachmentToSend[] }) {
  const { statuses, send } = useSendAttachments(attachments, 'submission');
  const [sending, setSending] = useState(false);
  // Sent once when the page opens (StrictMode runs the effect twice).
  const started = useRef(false);
  const sendAll = () => {
    setSending(true);
    void send(code).finally(() => setSending(false));
  };
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    sendAll();
  });
  const failed = attachments.some((item) => statuses[item.component]?.state === 'failed');
  const allDone = attachments.every((item) => statuses[item.component]?.state === 'done');
  return (
    <section aria-labelledby="tep-dinh-kem">
      <h2 id="tep-dinh-kem">Giấy tờ đính kèm</h2>
      {!allDone && <p className="lead">Giữ trang này mở cho đến khi mọi giấy tờ đều “Đã gửi”.</p>}
      <SendingList items={attachments} statuses={statuses} />
      {failed && !sending && (
        <Button size="large" className="full-width no-print" onClick={sendAll}>
          Gửi lại giấy tờ chưa gửi được
        </Button>
      )}
    </section>
  );
}
