import 'reflect-metadata';
import { runBusService } from '@mc/service-runtime';
import { notificationsService } from './notifications.service';

runBusService(notificationsService);
