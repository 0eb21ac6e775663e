import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, UPLOAD_FILE_TYPES, documentDigitisedV1, documentReplacedV1, documentUploadedV1, type UploadFileKind } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, LOGGER, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import type { Logger } from '@mc/observability';
import type { DocumentsConfig } from '../documents.config';
import { DocumentVersions } from '../files/document-versions';
import { ObjectStore } from '../storage/object-store';
import type { UploadRecord } from './upload-record';

/**
 * Turns a fully received upload into the next version of its component: the
 * segments are joined on the store's side into one object, and the row and
 * its events are written in one transaction. An earlier version is never
 * touched: a supplement adds version n + 1 and says which one it replaces.
 */
@Injectable()
export class CompleteUpload {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly versions: DocumentVersions,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: DocumentsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(principal: Principal, upload: UploadRecord, file: { kind: UploadFileKind; sha256: string; segments: string[] }): Promise<string> {
    const documentId = randomUUID();
    const objectKey = `documents/${documentId}`;
    await this.store.compose(objectKey, file.segments);
    const at = this.clock.now();
    try {
      await this.dataSource.transaction(async (manager) => {
        const previous = await this.versions.lockLatest(manager, upload.dossierCode, upload.component);
        if (previous && upload.purpose === 'submission') {
          throw new AppError('CONFLICT', `Thành phần «${upload.componentName}» đã có tệp; để thay, tải lên với mục đích supplement (bổ sung).`);
        }
        const version = (previous?.version ?? 0) + 1;
        await manager.query(
          `INSERT INTO documents (id, dossier_code, receiving_unit_code, component, component_name, version, purpose, filename, kind, content_type, size, sha256,
                                  object_key, uploaded_by, uploaded_at, retain_until)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, ($15::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + make_interval(years => $16))`,
          [
            documentId,
            upload.dossierCode,
            upload.receivingUnitCode,
            upload.component,
            upload.componentName,
            version,
            upload.purpose,
            upload.filename,
            file.kind,
            UPLOAD_FILE_TYPES[file.kind].contentType,
            upload.declaredSize,
            file.sha256,
            objectKey,
            principal.username,
            at,
            this.config.DOCUMENTS_RETENTION_YEARS,
          ],
        );
        const completed = await manager.query('UPDATE uploads SET document_id = $2 WHERE id = $1 AND document_id IS NULL', [upload.id, documentId]);
        if (completed[1] !== 1) throw new AppError('CONFLICT', 'Tệp này vừa được hoàn tất từ một kết nối khác.');
        const base = {
          documentId,
          dossierCode: upload.dossierCode,
          component: upload.component,
          version,
          receivingUnitCode: upload.receivingUnitCode,
          at: at.toISOString(),
          by: principal.username,
        };
        await this.outbox.add(manager, documentUploadedV1, { ...base, purpose: upload.purpose, kind: file.kind, size: upload.declaredSize, sha256: file.sha256 });
        if (previous) await this.outbox.add(manager, documentReplacedV1, { ...base, previousDocumentId: previous.id });
        if (upload.purpose === 'digitisation') await this.outbox.add(manager, documentDigitisedV1, base);
      });
    } catch (error) {
      await this.store.remove([objectKey]);
      throw error;
    }
    // The joined object is the document now; a segment left behind by a failure here is staging garbage, never data.
    await this.store.remove(file.segments).catch((error) => this.logger.warn({ err: error, uploadId: upload.id }, 'upload segments not removed'));
    return documentId;
  }
}
