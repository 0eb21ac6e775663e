import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  dossierDueSoonV1,
  dossierHandedOverV1,
  dossierOverdueV1,
  markStaffNoticesReadRequestSchema,
  NotificationSubjects,
  parseInput,
  staffNoticesRequestSchema,
  type EventEnvelope,
} from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ListStaffNotices } from './list-staff-notices';
import { MarkStaffNoticesRead } from './mark-staff-notices-read';
import { RecordStaffNotice } from './record-staff-notice';

@Controller()
export class StaffNoticeHandlers {
  constructor(
    private readonly record: RecordStaffNotice,
    private readonly list: ListStaffNotices,
    private readonly markRead: MarkStaffNoticesRead,
  ) {}

  @EventPattern(dossierHandedOverV1.subject)
  async onHandedOver(@Payload() event: EventEnvelope) {
    await this.record.execute(event);
  }

  @EventPattern(dossierDueSoonV1.subject)
  async onDueSoon(@Payload() event: EventEnvelope) {
    await this.record.execute(event);
  }

  @EventPattern(dossierOverdueV1.subject)
  async onOverdue(@Payload() event: EventEnvelope) {
    await this.record.execute(event);
  }

  @MessagePattern(NotificationSubjects.staffNotices)
  notices(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.list.execute(parseInput(staffNoticesRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(NotificationSubjects.markStaffNoticesRead)
  read(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.markRead.execute(parseInput(markStaffNoticesReadRequestSchema, payload), context.requirePrincipal());
  }
}
