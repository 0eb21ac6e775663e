import { Module } from '@nestjs/common';
import { CLOCK, SERVICE_CONFIG, systemClock, type Clock } from '@mc/service-runtime';
import type { DocumentsConfig } from './documents.config';
import { DocumentHandlers } from './files/document.handlers';
import { DocumentVersions } from './files/document-versions';
import { DossierAccess } from './files/dossier-access';
import { DownloadDocument } from './files/download-document';
import { FileTransferController } from './files/file-transfer.controller';
import { ListDossierDocuments } from './files/list-dossier-documents';
import { FormHandlers } from './forms/form.handlers';
import { FormSources } from './forms/form-sources';
import { RenderOfficialForm } from './forms/render-official-form';
import { ApplyRetention } from './retention/apply-retention';
import { ListCitizenStore } from './store/list-citizen-store';
import { ReuseFromStore } from './store/reuse-from-store';
import { StoreHandlers } from './store/store.handlers';
import { StoreVerifiedDocument } from './store/store-verified-document';
import { MinioObjectStore, ObjectStore } from './storage/object-store';
import { AppendToUpload } from './uploads/append-to-upload';
import { CompleteUpload } from './uploads/complete-upload';
import { GetUploadOffset } from './uploads/get-upload-offset';
import { StartUpload } from './uploads/start-upload';

/** The module with the clock a test may set (retention and the dates written on versions depend on the day). */
export function createDocumentsModule(clock: Clock = systemClock) {
  @Module({
    controllers: [FormHandlers, FileTransferController, DocumentHandlers, StoreHandlers],
    providers: [
      { provide: CLOCK, useValue: clock },
      {
        provide: ObjectStore,
        useFactory: (config: DocumentsConfig) => new MinioObjectStore(config),
        inject: [SERVICE_CONFIG],
      },
      FormSources,
      RenderOfficialForm,
      DossierAccess,
      DocumentVersions,
      StartUpload,
      AppendToUpload,
      CompleteUpload,
      GetUploadOffset,
      DownloadDocument,
      ListDossierDocuments,
      StoreVerifiedDocument,
      ListCitizenStore,
      ReuseFromStore,
      ApplyRetention,
    ],
  })
  class DocumentsModule {}
  return DocumentsModule;
}

export const DocumentsModule = createDocumentsModule();
