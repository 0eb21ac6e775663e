import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { CatalogModule } from './catalog.module';

export const catalogService: BusServiceDefinition = {
  service: 'catalog',
  module: CatalogModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000],
};
