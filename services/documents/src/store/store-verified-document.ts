import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, UPLOAD_FILE_KINDS, UPLOAD_FILE_TYPES, verifiedDocumentStoredV1, type StoreVerifiedDocumentRequest, type UploadFileKind, type VerifiedDocumentView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import type { DocumentsConfig } from '../documents.config';
import { DocumentVersions } from '../files/document-versions';
import { DossierAccess, type CallerCredentials } from '../files/dossier-access';
import { ObjectStore } from '../storage/object-store';
import { sniffFileKind } from '../uploads/sniff-file-kind';
import { toVerifiedDocumentView, VERIFIED_DOCUMENT_COLUMNS, type VerifiedDocumentRow } from './verified-document-row';

/**
 * Keeps a verified document (a signed result, a certified copy) in the store
 * of the dossier's applicant, under the applicant's ID number as the dossier
 * holds it: the caller never names the owner, so nothing is filed under
 * someone else. Called over NATS (`documents.store.verified`) by staff of the
 * unit, and by the signatures service with the signer's token.
 */
@Injectable()
export class StoreVerifiedDocument {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly access: DossierAccess,
    private readonly versions: DocumentVersions,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: DocumentsConfig,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, input: StoreVerifiedDocumentRequest): Promise<VerifiedDocumentView> {
    if (principal.kind !== 'staff') throw new AppError('FORBIDDEN', 'Chỉ cán bộ của cơ quan giải quyết mới lưu giấy tờ đã xác thực vào kho của công dân.');
    const dossier = await this.access.visibleDossier(input.dossierCode, credentials);
    if (dossier.applicant.kind !== 'individual') {
      throw new AppError('VALIDATION_FAILED', `Hồ sơ ${dossier.code} do tổ chức nộp; kho giấy tờ theo số định danh chỉ dành cho cá nhân.`);
    }
    const owner = dossier.applicant.idNumber;
    const at = this.clock.now();
    let documentId = input.documentId;
    let newObject: string | null = null;
    let inline: { kind: UploadFileKind; size: number; sha256: string } | null = null;
    if (input.file) {
      const bytes = Buffer.from(input.file.base64, 'base64');
      if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', `Tệp «${input.file.filename}» rỗng (0 byte).`);
      const kind = await sniffFileKind(bytes, input.file.filename, UPLOAD_FILE_KINDS, input.title);
      documentId = randomUUID();
      newObject = `documents/${documentId}`;
      await this.store.put(newObject, bytes, UPLOAD_FILE_TYPES[kind].contentType);
      inline = { kind, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }
    const verifiedId = randomUUID();
    try {
      await this.dataSource.transaction(async (manager) => {
        if (inline && input.file) {
          const previous = await this.versions.lockLatest(manager, dossier.code, 'result');
          await manager.query(
            `INSERT INTO documents (id, dossier_code, receiving_unit_code, component, component_name, version, purpose, filename, kind, content_type, size, sha256,
                                    object_key, uploaded_by, uploaded_at, retain_until)
             VALUES ($1, $2, $3, 'result', $4, $5, 'issued', $6, $7, $8, $9, $10, $11, $12, $13,
                     ($13::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + make_interval(years => $14))`,
            [documentId, dossier.code, dossier.receivingUnitCode, input.title, (previous?.version ?? 0) + 1, input.file.filename, inline.kind,
              UPLOAD_FILE_TYPES[inline.kind].contentType, inline.size, inline.sha256, newObject, principal.username, at,
              this.config.DOCUMENTS_RETENTION_YEARS],
          );
        } else {
          const [row] = await manager.query('SELECT dossier_code FROM documents WHERE id = $1 AND deleted_at IS NULL', [documentId]);
          if (!row || row.dossier_code !== dossier.code) {
            throw new AppError('NOT_FOUND', `Hồ sơ ${dossier.code} không có tài liệu ${documentId}; hãy tải kết quả lên hồ sơ trước.`);
          }
        }
        await manager.query(
          `INSERT INTO verified_documents (id, owner_id_number, kind, title, document_id, source_dossier_code, issued_by_unit_code, stored_by, stored_at, valid_until)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [verifiedId, owner, input.kind, input.title, documentId, dossier.code, dossier.competentUnitCode, principal.username, at, input.validUntil ?? null],
        );
        await this.outbox.add(manager, verifiedDocumentStoredV1, {
          verifiedDocumentId: verifiedId,
          documentId: documentId as string,
          kind: input.kind,
          dossierCode: dossier.code,
          at: at.toISOString(),
        });
      });
    } catch (error) {
      if (newObject) await this.store.remove([newObject]);
      throw error;
    }
    const [row] = (await this.dataSource.query(
      `SELECT ${VERIFIED_DOCUMENT_COLUMNS} FROM verified_documents v JOIN documents d ON d.id = v.document_id WHERE v.id = $1`,
      [verifiedId],
    )) as [VerifiedDocumentRow];
    return toVerifiedDocumentView(row);
  }
}
