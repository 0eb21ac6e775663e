import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { DocumentsConfig } from './documents.config';
import { MinioObjectStore, ObjectStore } from './storage/object-store';

@Module({
  providers: [
    {
      provide: ObjectStore,
      useFactory: (config: DocumentsConfig) => new MinioObjectStore(config),
      inject: [SERVICE_CONFIG],
    },
  ],
})
export class DocumentsModule {}
