import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '@mc/contracts';
import { ObjectStore } from '../storage/object-store';
import { DossierAccess, type CallerCredentials } from './dossier-access';
import type { DocumentRow } from './document-row';

const notFound = () => new AppError('NOT_FOUND', 'Không tìm thấy tài liệu này, hoặc bạn không có quyền xem hồ sơ chứa nó.');

/**
 * Streams one stored version to whoever may read its dossier (the dossier
 * service decides, with the caller's token); every version stays readable
 * until retention deletes it.
 */
@Injectable()
export class DownloadDocument {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly access: DossierAccess,
  ) {}

  async execute(credentials: CallerCredentials, documentId: string): Promise<{ row: DocumentRow; content: Readable }> {
    const [row] = /^[0-9a-f-]{36}$/.test(documentId) ? ((await this.dataSource.query('SELECT * FROM documents WHERE id = $1', [documentId])) as DocumentRow[]) : [];
    if (!row) throw notFound();
    await this.access.visibleDossier(row.dossier_code, credentials).catch((error) => {
      // The dossier service's own words would name the dossier: the caller asked for a document.
      throw (error as { code?: string }).code === 'NOT_FOUND' ? notFound() : error;
    });
    if (row.deleted_at) throw new AppError('NOT_FOUND', `Tài liệu «${row.filename}» đã được hủy theo thời hạn lưu trữ.`);
    return { row, content: await this.store.read(row.object_key) };
  }
}
