import type { VerifiedDocumentView } from '@mc/contracts';
import { formatVietnamDateTime } from '@mc/working-calendar';

export const VERIFIED_DOCUMENT_COLUMNS = `v.*, d.sha256, d.size, d.content_type, d.object_key, d.kind AS file_kind,
  (SELECT count(*) FROM document_reuses r WHERE r.verified_document_id = v.id)::int AS reuse_count`;

export interface VerifiedDocumentRow {
  id: string;
  owner_id_number: string;
  kind: 'result' | 'certified_copy';
  title: string;
  document_id: string;
  source_dossier_code: string;
  issued_by_unit_code: string;
  stored_at: Date;
  valid_until: string | null;
  sha256: string;
  size: string;
  content_type: string;
  object_key: string;
  file_kind: string;
  reuse_count: number;
}

export const toVerifiedDocumentView = (row: VerifiedDocumentRow): VerifiedDocumentView => ({
  id: row.id,
  ownerIdNumber: row.owner_id_number,
  kind: row.kind,
  title: row.title,
  documentId: row.document_id,
  sourceDossierCode: row.source_dossier_code,
  issuedByUnitCode: row.issued_by_unit_code,
  storedAt: row.stored_at.toISOString(),
  storedAtDisplay: formatVietnamDateTime(row.stored_at),
  validUntil: row.valid_until,
  sha256: row.sha256,
  size: Number(row.size),
  contentType: row.content_type,
  reuseCount: row.reuse_count,
});
