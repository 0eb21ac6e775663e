import 'reflect-metadata';
import { migrateBusService } from '@mc/service-runtime';
import { notificationsService } from './notifications.service';

migrateBusService(notificationsService).catch((error) => {
  process.stderr.write(`notifications: ${error.message}\n`);
  process.exit(1);
});
