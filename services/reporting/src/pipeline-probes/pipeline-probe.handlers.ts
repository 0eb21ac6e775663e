import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { getProbeRequestSchema, parseInput, PipelineProbeSubjects, probeRecordedV1, type EventEnvelope } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetProbeReceipt } from './get-probe-receipt';
import { RecordProbeReceipt } from './record-probe-receipt';

@Controller()
export class PipelineProbeHandlers {
  constructor(
    private readonly recordProbeReceipt: RecordProbeReceipt,
    private readonly getProbeReceipt: GetProbeReceipt,
  ) {}

  @EventPattern(probeRecordedV1.subject)
  async onProbeRecorded(@Payload() event: EventEnvelope) {
    await this.recordProbeReceipt.execute(event);
  }

  @MessagePattern(PipelineProbeSubjects.get)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const { probeId } = parseInput(getProbeRequestSchema, payload);
    return this.getProbeReceipt.execute(probeId, context.requirePrincipal());
  }
}
