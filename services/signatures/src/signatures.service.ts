import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { SignaturesModule } from './signatures.module';

export const signaturesService: BusServiceDefinition = {
  service: 'signatures',
  module: SignaturesModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000],
};
