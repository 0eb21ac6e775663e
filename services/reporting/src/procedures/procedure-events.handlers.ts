import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { adoptionChangedV1, procedurePublishedV1, procedureWithdrawnV1, type EventEnvelope } from '@mc/contracts';
import { RecordProcedureEvent } from './record-procedure-event';

/** A failure throws, so the durable consumer retries and finally parks the event in the dead-letter stream. */
@Controller()
export class ProcedureEventHandlers {
  constructor(private readonly record: RecordProcedureEvent) {}

  @EventPattern(procedurePublishedV1.subject)
  async onPublished(@Payload() event: EventEnvelope) {
    await this.record.published(event);
  }

  @EventPattern(procedureWithdrawnV1.subject)
  async onWithdrawn(@Payload() event: EventEnvelope) {
    await this.record.withdrawn(event);
  }

  @EventPattern(adoptionChangedV1.subject)
  async onAdoptionChanged(@Payload() event: EventEnvelope) {
    await this.record.adoptionChanged(event);
  }
}
