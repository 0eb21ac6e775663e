import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { DocumentsConfig } from './documents.config';
import { FormHandlers } from './forms/form.handlers';
import { FormSources } from './forms/form-sources';
import { RenderOfficialForm } from './forms/render-official-form';
import { MinioObjectStore, ObjectStore } from './storage/object-store';

@Module({
  controllers: [FormHandlers],
  providers: [
    {
      provide: ObjectStore,
      useFactory: (config: DocumentsConfig) => new MinioObjectStore(config),
      inject: [SERVICE_CONFIG],
    },
    FormSources,
    RenderOfficialForm,
  ],
})
export class DocumentsModule {}
