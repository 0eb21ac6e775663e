import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { unitChangedV1, unitCreatedV1, type EventEnvelope } from '@mc/contracts';
import { RecordUnit } from './record-unit';

@Controller()
export class UnitHandlers {
  constructor(private readonly recordUnit: RecordUnit) {}

  @EventPattern(unitCreatedV1.subject)
  async onUnitCreated(@Payload() event: EventEnvelope) {
    await this.recordUnit.execute(event);
  }

  @EventPattern(unitChangedV1.subject)
  async onUnitChanged(@Payload() event: EventEnvelope) {
    await this.recordUnit.execute(event);
  }
}
