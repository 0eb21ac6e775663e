import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { documentDigitisedV1, documentReusedV1, type EventEnvelope } from '@mc/contracts';
import { RecordDocumentEvent } from './record-document-event';

/** A failure throws, so the durable consumer retries and finally parks the event in the dead-letter stream. */
@Controller()
export class DocumentEventHandlers {
  constructor(private readonly record: RecordDocumentEvent) {}

  @EventPattern(documentDigitisedV1.subject)
  async onDigitised(@Payload() event: EventEnvelope) {
    await this.record.digitised(event);
  }

  @EventPattern(documentReusedV1.subject)
  async onReused(@Payload() event: EventEnvelope) {
    await this.record.reused(event);
  }
}
