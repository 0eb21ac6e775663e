import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, documentReplacedV1, documentReusedV1, type DocumentView, type UploadFileKind } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import { vietnamDate } from '@mc/working-calendar';
import type { DocumentsConfig } from '../documents.config';
import { DocumentVersions } from '../files/document-versions';
import { toDocumentView, type DocumentRow } from '../files/document-row';
import { DossierAccess, type CallerCredentials } from '../files/dossier-access';
import { VERIFIED_DOCUMENT_COLUMNS, type VerifiedDocumentRow } from './verified-document-row';

/**
 * Uses a verified document from the applicant's store as a component of a
 * later dossier, with no upload: the new version points at the stored bytes
 * (the same object, the same SHA-256), and the reuse is recorded and
 * published for the reuse indicator.
 */
@Injectable()
export class ReuseFromStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DossierAccess,
    private readonly versions: DocumentVersions,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: DocumentsConfig,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, input: { code: string; verifiedDocumentId: string; component: string }): Promise<DocumentView> {
    const dossier = await this.access.visibleDossier(input.code, credentials);
    const [stored] = (await this.dataSource.query(
      `SELECT ${VERIFIED_DOCUMENT_COLUMNS} FROM verified_documents v JOIN documents d ON d.id = v.document_id WHERE v.id = $1 AND d.deleted_at IS NULL`,
      [input.verifiedDocumentId],
    )) as VerifiedDocumentRow[];
    const applicantId = dossier.applicant.kind === 'individual' ? dossier.applicant.idNumber : null;
    if (!stored || stored.owner_id_number !== applicantId || (principal.kind === 'citizen' && principal.verifiedIdNumber !== applicantId)) {
      throw new AppError('NOT_FOUND', `Không tìm thấy giấy tờ này trong kho của người nộp hồ sơ ${dossier.code}.`);
    }
    const at = this.clock.now();
    if (stored.valid_until && stored.valid_until < vietnamDate(at)) {
      throw new AppError('VALIDATION_FAILED', `Giấy tờ «${stored.title}» đã hết hiệu lực sử dụng; người nộp cần nộp bản mới.`);
    }
    const slot = await this.access.slot(dossier, input.component, credentials);
    if (!slot.kinds.includes(stored.file_kind as UploadFileKind)) {
      throw new AppError('FILE_TYPE_REFUSED', `Thành phần «${slot.name}» không nhận loại tệp của giấy tờ «${stored.title}».`);
    }
    const documentId = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const previous = await this.versions.lockLatest(manager, dossier.code, slot.component);
      const version = (previous?.version ?? 0) + 1;
      await manager.query(
        `INSERT INTO documents (id, dossier_code, receiving_unit_code, component, component_name, version, purpose, filename, kind, content_type, size, sha256,
                                object_key, verified_document_id, uploaded_by, uploaded_at, retain_until)
         SELECT $1, $2, $3, $4, $5, $6, 'reuse', filename, kind, content_type, size, sha256, object_key, $7, $8, $9,
                ($9::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + make_interval(years => $10)
         FROM documents WHERE id = $11`,
        [documentId, dossier.code, dossier.receivingUnitCode, slot.component, slot.name, version, stored.id, principal.username, at,
          this.config.DOCUMENTS_RETENTION_YEARS, stored.document_id],
      );
      await manager.query('INSERT INTO document_reuses (id, verified_document_id, document_id, dossier_code, reused_by, reused_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        randomUUID(),
        stored.id,
        documentId,
        dossier.code,
        principal.username,
        at,
      ]);
      const base = { documentId, dossierCode: dossier.code, component: slot.component, version, receivingUnitCode: dossier.receivingUnitCode, at: at.toISOString(), by: principal.username };
      await this.outbox.add(manager, documentReusedV1, { ...base, verifiedDocumentId: stored.id });
      if (previous) await this.outbox.add(manager, documentReplacedV1, { ...base, previousDocumentId: previous.id });
    });
    const [row] = (await this.dataSource.query('SELECT * FROM documents WHERE id = $1', [documentId])) as [DocumentRow];
    return toDocumentView(row, true);
  }
}
