import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DossierDocumentsView } from '@mc/contracts';
import { DossierAccess, type CallerCredentials } from './dossier-access';
import { toDocumentView, type DocumentRow } from './document-row';

/** Every version of every file of a dossier, the current one of each component marked, and what was digitised. */
@Injectable()
export class ListDossierDocuments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DossierAccess,
  ) {}

  async execute(credentials: CallerCredentials, code: string): Promise<DossierDocumentsView> {
    const dossier = await this.access.visibleDossier(code, credentials);
    const rows = (await this.dataSource.query(
      `SELECT * FROM documents WHERE dossier_code = $1 AND deleted_at IS NULL
       ORDER BY CASE WHEN component = 'result' THEN 1000 ELSE component::int END, version`,
      [dossier.code],
    )) as DocumentRow[];
    const latest = new Map(rows.map((row) => [row.component, row.version]));
    return {
      dossierCode: dossier.code,
      documents: rows.map((row) => toDocumentView(row, latest.get(row.component) === row.version)),
      digitised: [...new Set(rows.filter((row) => row.purpose === 'digitisation').map((row) => row.component))],
    };
  }
}
