import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { signatureRecordedV1, type EventEnvelope } from '@mc/contracts';
import { RecordResultSignature } from './record-result-signature';

@Controller()
export class ResultSignatureHandlers {
  constructor(private readonly recordResultSignature: RecordResultSignature) {}

  @EventPattern(signatureRecordedV1.subject)
  async onSignatureRecorded(@Payload() event: EventEnvelope) {
    await this.recordResultSignature.execute(event);
  }
}
