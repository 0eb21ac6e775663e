import { Alert, Button, Spin } from 'antd';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDate } from '@mc/web-api';
import { PageLink } from '../../../components/PageLink';
import { useSession } from '../../../lib/session';
import { downloadDocument, formatSize, useMyStore } from '../../documents/api/documents-api';

const KIND_LABELS = { result: 'Kết quả giải quyết', certified_copy: 'Bản sao chứng thực' } as const;

/** The citizen's document store (kho dữ liệu của công dân): results and certified copies, to download and to reuse when filing. */
export function MyDocumentsPage() {
  const session = useSession();
  const idNumber = session.status === 'signed-in' ? session.verifiedIdNumber : null;
  const store = useMyStore(idNumber);
  const [error, setError] = useState<Error | null>(null);
  return (
    <>
      <h1>Giấy tờ của tôi</h1>
      <p className="lead">Kết quả điện tử bạn đã nhận và bản sao đã chứng thực. Khi nộp hồ sơ mới, bạn chọn giấy tờ ở đây thay vì nộp lại.</p>
      {!idNumber && (
        <Alert
          type="info"
          showIcon
          message="Tài khoản của bạn chưa xác thực số định danh cá nhân"
          description="Đăng nhập bằng VNeID, hoặc mang căn cước đến Bộ phận Một cửa để xác thực; sau đó giấy tờ của bạn sẽ hiện ở đây."
        />
      )}
      {store.isPending && idNumber && <Spin tip="Đang tải…" />}
      {store.error && <ErrorMessage error={store.error} />}
      {error && <ErrorMessage error={error} />}
      {store.data?.documents.length === 0 && <p>Bạn chưa có giấy tờ nào trong kho. Kết quả điện tử của hồ sơ sẽ được lưu ở đây khi cơ quan phát hành.</p>}
      <ul className="result-list">
        {store.data?.documents.map((document) => (
          <li key={document.id}>
            <strong style={{ fontSize: 18 }}>{document.title}</strong>
            <p className="caption">
              {KIND_LABELS[document.kind]} · hồ sơ {document.sourceDossierCode} · lưu lúc {document.storedAtDisplay} · {formatSize(document.size)}
              {document.validUntil ? ` · dùng được đến ${formatDate(document.validUntil)}` : ''}
              {document.reuseCount ? ` · đã dùng lại ${document.reuseCount} lần` : ''}
            </p>
            <Button onClick={() => downloadDocument(document.documentId, document.title).catch(setError)}>
              Tải về<span className="sr-only"> {document.title}</span>
            </Button>
          </li>
        ))}
      </ul>
      <PageLink to="/ho-so">Xem hồ sơ của tôi</PageLink>
    </>
  );
}
