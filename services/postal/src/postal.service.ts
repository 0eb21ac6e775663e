import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { PostalModule } from './postal.module';

export const postalService: BusServiceDefinition = {
  service: 'postal',
  module: PostalModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000],
};
