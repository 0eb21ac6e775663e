export { notificationsService } from './notifications.service';
export { createNotificationsModule } from './notifications.module';
export { SendDueMessages } from './delivery/send-due-messages';
