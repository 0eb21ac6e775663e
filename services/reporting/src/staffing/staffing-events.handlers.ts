import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { accountCreatedV1, accountDisabledV1, accountEnabledV1, roleGrantedV1, roleRevokedV1, type EventEnvelope } from '@mc/contracts';
import { RecordStaffingEvent } from './record-staffing-event';

export const STAFFING_SUBJECTS = [
  accountCreatedV1.subject,
  accountDisabledV1.subject,
  accountEnabledV1.subject,
  roleGrantedV1.subject,
  roleRevokedV1.subject,
] as const;

/** A failure throws, so the durable consumer retries and finally parks the event in the dead-letter stream. */
@Controller()
export class StaffingEventHandlers {
  constructor(private readonly record: RecordStaffingEvent) {}

  @EventPattern(accountCreatedV1.subject)
  async onAccountCreated(@Payload() event: EventEnvelope) {
    await this.record.account(accountCreatedV1, event);
  }

  @EventPattern(accountDisabledV1.subject)
  async onAccountDisabled(@Payload() event: EventEnvelope) {
    await this.record.account(accountDisabledV1, event);
  }

  @EventPattern(accountEnabledV1.subject)
  async onAccountEnabled(@Payload() event: EventEnvelope) {
    await this.record.account(accountEnabledV1, event);
  }

  @EventPattern(roleGrantedV1.subject)
  async onRoleGranted(@Payload() event: EventEnvelope) {
    await this.record.grant(roleGrantedV1, event);
  }

  @EventPattern(roleRevokedV1.subject)
  async onRoleRevoked(@Payload() event: EventEnvelope) {
    await this.record.grant(roleRevokedV1, event);
  }
}
