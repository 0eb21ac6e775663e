import type { DocumentView, UploadFileKind, UploadPurpose } from '@mc/contracts';
import { formatVietnamDateTime } from '@mc/working-calendar';

/** A `documents` row as SQL returns it. */
export interface DocumentRow {
  id: string;
  dossier_code: string;
  component: string;
  component_name: string;
  version: number;
  purpose: UploadPurpose | 'reuse' | 'issued';
  filename: string;
  kind: UploadFileKind;
  content_type: string;
  size: string;
  sha256: string;
  object_key: string;
  verified_document_id: string | null;
  uploaded_by: string;
  uploaded_at: Date;
  deleted_at: Date | null;
}

export const toDocumentView = (row: DocumentRow, current: boolean): DocumentView => ({
  id: row.id,
  dossierCode: row.dossier_code,
  component: row.component,
  componentName: row.component_name,
  version: Number(row.version),
  current,
  purpose: row.purpose,
  filename: row.filename,
  kind: row.kind,
  contentType: row.content_type,
  size: Number(row.size),
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at.toISOString(),
  uploadedAtDisplay: formatVietnamDateTime(row.uploaded_at),
  verifiedDocumentId: row.verified_document_id,
  contentPath: `/api/v1/documents/${row.id}/content`,
});
