import { Injectable } from '@nestjs/common';
import {
  AppError,
  CatalogSubjects,
  DEFAULT_COMPONENT_MAX_MB,
  DossierSubjects,
  UPLOAD_FILE_KINDS,
  type DossierView,
  type ProcedureVersionView,
  type UploadFileKind,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';

/** The caller's credentials, carried on to the services that decide for themselves what the caller may see. */
export type CallerCredentials = Record<string, string | undefined>;

export interface FileSlot {
  component: string;
  name: string;
  kinds: UploadFileKind[];
  maxBytes: number;
}

/**
 * Who may see a dossier is the dossier service's rule, asked with the caller's
 * token: NOT_FOUND means out of sight (another commune's clerk, another
 * citizen), and the documents service never decides it again by itself.
 */
@Injectable()
export class DossierAccess {
  constructor(private readonly bus: NatsClientProxy) {}

  visibleDossier(code: string, credentials: CallerCredentials): Promise<DossierView> {
    return this.bus.request(DossierSubjects.get, { code }, credentials);
  }

  /** The component (by its number in the procedure version the dossier was received under) or the result, with its upload limits. */
  async slot(dossier: DossierView, component: string, credentials: CallerCredentials): Promise<FileSlot> {
    const version = await this.bus.request<ProcedureVersionView>(
      CatalogSubjects.getVersion,
      { code: dossier.procedure.code, version: dossier.procedure.version },
      credentials,
    );
    if (component === 'result') {
      return { component, name: version.result.name, kinds: [...UPLOAD_FILE_KINDS], maxBytes: DEFAULT_COMPONENT_MAX_MB * 1024 * 1024 };
    }
    const index = Number(component) - 1;
    const definition = version.components[index];
    if (!definition) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Thủ tục ${dossier.procedure.code} (phiên bản ${dossier.procedure.version}) có ${version.components.length} thành phần hồ sơ; không có thành phần số ${component}.`,
      );
    }
    return {
      component,
      name: definition.name,
      kinds: [...(definition.fileKinds ?? UPLOAD_FILE_KINDS)],
      maxBytes: (definition.maxSizeMb ?? DEFAULT_COMPONENT_MAX_MB) * 1024 * 1024,
    };
  }
}
