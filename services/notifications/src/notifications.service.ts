import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { CreateNotifications1763804000000 } from './migrations/1763804000000-create-notifications';
import { OrderPreferencesReads1765100000000 } from './migrations/1765100000000-order-preferences-reads';
import { UnconfirmedMessages1765200000000 } from './migrations/1765200000000-unconfirmed-messages';
import { notificationsConfigSchema } from './notifications.config';
import { createNotificationsModule } from './notifications.module';

export const notificationsService: BusServiceDefinition<typeof notificationsConfigSchema> = {
  service: 'notifications',
  module: createNotificationsModule(),
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000, CreateNotifications1763804000000, OrderPreferencesReads1765100000000, UnconfirmedMessages1765200000000],
  config: notificationsConfigSchema,
};
