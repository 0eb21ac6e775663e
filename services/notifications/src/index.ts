export { notificationsService } from './notifications.service';
export { createNotificationsModule } from './notifications.module';
