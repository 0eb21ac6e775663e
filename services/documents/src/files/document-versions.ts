import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The versions of one component of one dossier, numbered 1, 2, … in the order they were stored. */
@Injectable()
export class DocumentVersions {
  /** The latest version, with the component locked for the rest of the transaction so two new versions cannot take one number. */
  async lockLatest(manager: EntityManager, dossierCode: string, component: string): Promise<{ id: string; version: number } | null> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`documents:${dossierCode}:${component}`]);
    const [latest] = await manager.query('SELECT id, version FROM documents WHERE dossier_code = $1 AND component = $2 ORDER BY version DESC LIMIT 1', [
      dossierCode,
      component,
    ]);
    return latest ? { id: latest.id, version: Number(latest.version) } : null;
  }
}
