import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type CitizenStoreView } from '@mc/contracts';
import { mayDoAnywhere, type Principal } from '@mc/auth';
import { toVerifiedDocumentView, VERIFIED_DOCUMENT_COLUMNS, type VerifiedDocumentRow } from './verified-document-row';

/**
 * A citizen's verified documents: to the citizen whose ID number was proven
 * (VNeID or the counter), and to any clerk receiving dossiers (the citizen may
 * come to any counter of the province). Anyone else is told nothing is there.
 */
@Injectable()
export class ListCitizenStore {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, idNumber: string): Promise<CitizenStoreView> {
    const own = principal.kind === 'citizen' && principal.verifiedIdNumber === idNumber;
    const serving = principal.kind === 'staff' && mayDoAnywhere(principal, ['dossier.receive']);
    if (!own && !serving) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy kho giấy tờ của số định danh này (công dân chỉ xem được kho của chính mình sau khi đã xác thực số định danh).');
    }
    const rows = (await this.dataSource.query(
      `SELECT ${VERIFIED_DOCUMENT_COLUMNS} FROM verified_documents v JOIN documents d ON d.id = v.document_id
       WHERE v.owner_id_number = $1 AND d.deleted_at IS NULL ORDER BY v.stored_at DESC`,
      [idNumber],
    )) as VerifiedDocumentRow[];
    return { idNumber, documents: rows.map(toVerifiedDocumentView) };
  }
}
