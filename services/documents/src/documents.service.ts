import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { documentsConfigSchema } from './documents.config';
import { DocumentsModule } from './documents.module';
import { ObjectStore } from './storage/object-store';

export const documentsService: BusServiceDefinition<typeof documentsConfigSchema> = {
  service: 'documents',
  module: DocumentsModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000],
  config: documentsConfigSchema,
  async onStarted({ app }) {
    await app.get(ObjectStore).ensureBucket();
  },
  // Without its object store the service cannot keep a single file: report it down.
  readiness: (app) => app.get(ObjectStore).ping(),
};
