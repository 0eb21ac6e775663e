import { AppError, type UploadFileKind, type UploadPurpose } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import type { DataSource, EntityManager } from 'typeorm';

/** An upload in progress as its row holds it; its bytes are segments `uploads/<id>/<n>` until it completes. */
export interface UploadRecord {
  id: string;
  dossierCode: string;
  receivingUnitCode: string;
  component: string;
  componentName: string;
  purpose: UploadPurpose;
  filename: string;
  declaredSize: number;
  allowedKinds: UploadFileKind[];
  received: number;
  kind: UploadFileKind | null;
  createdBy: string;
  documentId: string | null;
}

export const segmentKey = (uploadId: string, index: number) => `uploads/${uploadId}/${index}`;

/** Only whoever opened an upload may continue or inspect it; anyone else is told it does not exist. */
export async function loadOwnUpload(db: DataSource | EntityManager, principal: Principal, uploadId: string): Promise<UploadRecord> {
  const [row] = /^[0-9a-f-]{36}$/.test(uploadId) ? await db.query('SELECT * FROM uploads WHERE id = $1', [uploadId]) : [];
  if (!row || row.created_by !== principal.subject) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy lượt tải lên này (đã hết hạn hoặc không phải của bạn); hãy tải tệp lên lại từ đầu.');
  }
  return {
    id: row.id,
    dossierCode: row.dossier_code,
    receivingUnitCode: row.receiving_unit_code,
    component: row.component,
    componentName: row.component_name,
    purpose: row.purpose,
    filename: row.filename,
    declaredSize: Number(row.declared_size),
    allowedKinds: row.allowed_kinds,
    received: Number(row.received),
    kind: row.kind,
    createdBy: row.created_by,
    documentId: row.document_id,
  };
}
