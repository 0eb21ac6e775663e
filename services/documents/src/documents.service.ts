import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { documentsConfigSchema, type DocumentsConfig } from './documents.config';
import { DocumentsModule } from './documents.module';
import { CreateDocuments1765100000000 } from './migrations/1765100000000-create-documents';
import { ObjectStore } from './storage/object-store';

export const documentsService: BusServiceDefinition<typeof documentsConfigSchema> = {
  service: 'documents',
  module: DocumentsModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000, CreateDocuments1765100000000],
  config: documentsConfigSchema,
  // Files stream over HTTP (forwarded by the gateway): a NATS message could not carry them.
  httpPort: (config) => (config as DocumentsConfig).DOCUMENTS_HTTP_PORT,
  // A part of an upload arrives within this, or its connection is cut and what arrived is kept for resuming.
  httpRequestTimeoutMs: () => 10 * 60_000,
  async onStarted({ app }) {
    await app.get(ObjectStore).ensureBucket();
  },
  // Without its object store the service cannot keep a single file: report it down.
  readiness: (app) => app.get(ObjectStore).ping(),
};
