import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  calendarChangedV1,
  procedurePublishedV1,
  procedureWithdrawnV1,
  ReadModelSubjects,
  unitChangedV1,
  unitCreatedV1,
  type EventEnvelope,
} from '@mc/contracts';
import { ReadModelFreshness } from './read-model-freshness';
import { RecordCalendarChange } from './record-calendar-change';
import { RecordProcedureVersion } from './record-procedure-version';
import { RecordProcedureWithdrawal } from './record-procedure-withdrawal';
import { RecordUnit } from './record-unit';

/** A failure throws, so the durable consumer retries and finally parks the event in the dead-letter stream. */
@Controller()
export class ReadModelHandlers {
  constructor(
    private readonly recordUnit: RecordUnit,
    private readonly recordVersion: RecordProcedureVersion,
    private readonly recordWithdrawal: RecordProcedureWithdrawal,
    private readonly recordCalendar: RecordCalendarChange,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @EventPattern(unitCreatedV1.subject)
  async onUnitCreated(@Payload() event: EventEnvelope) {
    this.applied(unitCreatedV1.subject, event, await this.recordUnit.execute(event));
  }

  @EventPattern(unitChangedV1.subject)
  async onUnitChanged(@Payload() event: EventEnvelope) {
    this.applied(unitChangedV1.subject, event, await this.recordUnit.execute(event));
  }

  @EventPattern(procedurePublishedV1.subject)
  async onPublished(@Payload() event: EventEnvelope) {
    this.applied(procedurePublishedV1.subject, event, await this.recordVersion.execute(event));
  }

  @EventPattern(procedureWithdrawnV1.subject)
  async onWithdrawn(@Payload() event: EventEnvelope) {
    this.applied(procedureWithdrawnV1.subject, event, await this.recordWithdrawal.execute(event));
  }

  @EventPattern(calendarChangedV1.subject)
  async onCalendarChanged(@Payload() event: EventEnvelope) {
    this.applied(calendarChangedV1.subject, event, await this.recordCalendar.execute(event));
  }

  /** The lag is measured on events applied now, not on redeliveries of events applied before. */
  private applied(subject: string, event: EventEnvelope, firstTime: boolean): void {
    if (firstTime) this.freshness.applied(subject, event.occurredAt);
  }

  /** Public, like health: how current the copies are says nothing about anyone. */
  @MessagePattern(ReadModelSubjects.dossierFreshness)
  freshnessNow() {
    return this.freshness.snapshot();
  }
}
