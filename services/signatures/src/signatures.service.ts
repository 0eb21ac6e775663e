import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { CreateSignatures1765300000000 } from './migrations/1765300000000-create-signatures';
import { signaturesConfigSchema } from './signatures.config';
import { SignaturesModule } from './signatures.module';

export const signaturesService: BusServiceDefinition<typeof signaturesConfigSchema> = {
  service: 'signatures',
  module: SignaturesModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000, CreateSignatures1765300000000],
  config: signaturesConfigSchema,
};
