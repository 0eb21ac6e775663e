import { Module, type Provider, type Type } from '@nestjs/common';
import { CLOCK, systemClock } from '@mc/service-runtime';
import { CostHandlers } from './costs/costs.handlers';
import { CountCosts } from './costs/count-costs';
import { DeadLetterHandlers } from './dead-letters/dead-letters.handlers';
import { ListDeadLetters } from './dead-letters/list-dead-letters';
import { RetryDeadLetter } from './dead-letters/retry-dead-letter';
import { MESSAGE_CHANNELS, type MessageChannel } from './delivery/channel';
import { DeliveryHandlers } from './delivery/delivery.handlers';
import { RecordDeliveryReport } from './delivery/record-delivery-report';
import { SendDueMessages } from './delivery/send-due-messages';
import { SmsGatewayChannel } from './delivery/sms-gateway';
import { SmtpMailChannel } from './delivery/smtp-mail';
import { ZaloZnsChannel } from './delivery/zalo-zns';
import { DossierEventHandlers } from './dossiers/dossier-events.handlers';
import { NotifyDossierEvent } from './dossiers/notify-dossier-event';
import { ReceiptConsumer } from './dossiers/receipt-consumer';
import { RecordReceivedDossiers } from './dossiers/record-received-dossiers';
import { ListStaffNotices } from './staff-notices/list-staff-notices';
import { MarkStaffNoticesRead } from './staff-notices/mark-staff-notices-read';
import { RecordStaffNotice } from './staff-notices/record-staff-notice';
import { StaffNoticeHandlers } from './staff-notices/staff-notices.handlers';
import { AnswerCitizenText } from './status-by-sms/answer-citizen-text';
import { StatusBySmsHandlers } from './status-by-sms/status-by-sms.handlers';
import { ListTemplates } from './templates/list-templates';
import { SaveTemplate } from './templates/save-template';
import { TemplateCache } from './templates/template-cache';
import { TemplateHandlers } from './templates/templates.handlers';
import { UnitsModule } from './units/units.module';

export interface NotificationsAdapters {
  /** The time messages are due and quiet hours are judged at; tests set it. */
  clock?: Provider;
}

/** Citizen notifications on three channels, status by SMS, staff notices. */
export function createNotificationsModule(adapters: NotificationsAdapters = {}): Type<unknown> {
  @Module({
    imports: [UnitsModule],
    controllers: [DossierEventHandlers, StaffNoticeHandlers, TemplateHandlers, DeadLetterHandlers, CostHandlers, DeliveryHandlers, StatusBySmsHandlers],
    providers: [
      adapters.clock ?? { provide: CLOCK, useValue: systemClock },
      RecordReceivedDossiers,
      ReceiptConsumer,
      NotifyDossierEvent,
      RecordStaffNotice,
      ListStaffNotices,
      MarkStaffNoticesRead,
      TemplateCache,
      ListTemplates,
      SaveTemplate,
      ListDeadLetters,
      RetryDeadLetter,
      CountCosts,
      RecordDeliveryReport,
      AnswerCitizenText,
      SmsGatewayChannel,
      ZaloZnsChannel,
      SmtpMailChannel,
      {
        provide: MESSAGE_CHANNELS,
        useFactory: (...channels: MessageChannel[]) => channels,
        inject: [SmsGatewayChannel, ZaloZnsChannel, SmtpMailChannel],
      },
      SendDueMessages,
    ],
  })
  class NotificationsModule {}
  return NotificationsModule;
}
