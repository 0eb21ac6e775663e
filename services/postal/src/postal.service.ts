import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { CreatePostalOrders1763803000000 } from './migrations/1763803000000-create-postal-orders';
import { CreatePostalHandovers1763803100000 } from './migrations/1763803100000-create-postal-handovers';
import { MarkStepsInDossier1763803200000 } from './migrations/1763803200000-mark-steps-in-dossier';
import { postalConfigSchema } from './postal.config';
import { PostalModule } from './postal.module';

export const postalService: BusServiceDefinition<typeof postalConfigSchema> = {
  service: 'postal',
  module: PostalModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000, CreatePostalOrders1763803000000, CreatePostalHandovers1763803100000, MarkStepsInDossier1763803200000],
  config: postalConfigSchema,
};
