import { Button, Spin } from 'antd';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { downloadDocument, formatSize, useDossierDocuments } from '../../documents/api/documents-api';

/** The electronic result's file, as the issuing unit stored it; its latest version if it was ever reissued. */
export function ResultDownload({ code }: { code: string }) {
  const documents = useDossierDocuments(code);
  const [error, setError] = useState<Error | null>(null);
  if (documents.isPending) return <Spin tip="Đang tải…" />;
  if (documents.error) return <ErrorMessage error={documents.error} />;
  const result = documents.data.documents.find((document) => document.component === 'result' && document.current);
  if (!result) {
    return <p>Kết quả được phát hành dưới dạng bản điện tử; tệp kết quả chưa được đưa lên cổng. Bạn sẽ thấy nút tải về ở đây khi cơ quan đưa lên.</p>;
  }
  return (
    <>
      <p>
        {result.componentName}, bản điện tử ({result.kind.toUpperCase()}, {formatSize(result.size)}), phát hành lúc {result.uploadedAtDisplay}. Bản này cũng được lưu
        trong Giấy tờ của tôi để dùng cho lần nộp sau.
      </p>
      {error && <ErrorMessage error={error} />}
      <Button type="primary" size="large" className="full-width" onClick={() => downloadDocument(result.id, result.filename).catch(setError)}>
        Tải kết quả về máy
      </Button>
    </>
  );
}
