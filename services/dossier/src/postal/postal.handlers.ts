import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { postalOrderStatusChangedV1, type EventEnvelope } from '@mc/contracts';
import { RecordPostalStep } from './record-postal-step';

@Controller()
export class PostalHandlers {
  constructor(private readonly recordPostalStep: RecordPostalStep) {}

  @EventPattern(postalOrderStatusChangedV1.subject)
  async onStatusChanged(@Payload() event: EventEnvelope) {
    await this.recordPostalStep.execute(event);
  }
}
