import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { unitChangedV1, unitCreatedV1, type EventEnvelope } from '@mc/contracts';
import { RecordCalendarUnit } from './record-calendar-unit';

/** A failure throws, so the durable consumer retries and finally parks the event in the dead-letter stream. */
@Controller()
export class CalendarUnitHandlers {
  constructor(private readonly recordUnit: RecordCalendarUnit) {}

  @EventPattern(unitCreatedV1.subject)
  async onUnitCreated(@Payload() event: EventEnvelope) {
    await this.recordUnit.execute(unitCreatedV1, event);
  }

  @EventPattern(unitChangedV1.subject)
  async onUnitChanged(@Payload() event: EventEnvelope) {
    await this.recordUnit.execute(unitChangedV1, event);
  }
}
