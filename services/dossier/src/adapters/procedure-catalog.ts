import { Injectable } from '@nestjs/common';
import { CatalogSubjects, type ProcedureVersionView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';

/** The procedure version a dossier is received under; the use cases know nothing else about the catalog. */
export interface ProcedureCatalog {
  versionInForce(code: string, at: Date): Promise<ProcedureVersionView>;
}
export const PROCEDURE_CATALOG = Symbol('PROCEDURE_CATALOG');

/** Asks the catalog service; its NOT_FOUND (no such procedure, none in force) reaches the caller unchanged. */
@Injectable()
export class NatsProcedureCatalog implements ProcedureCatalog {
  constructor(private readonly bus: NatsClientProxy) {}

  versionInForce(code: string, at: Date): Promise<ProcedureVersionView> {
    return this.bus.request<ProcedureVersionView>(CatalogSubjects.versionInForce, { code, at: at.toISOString() });
  }
}
