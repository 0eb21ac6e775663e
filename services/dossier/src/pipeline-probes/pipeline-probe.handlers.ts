import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { parseInput, PipelineProbeSubjects, recordProbeRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { RecordPipelineProbe } from './record-pipeline-probe';

@Controller()
export class PipelineProbeHandlers {
  constructor(private readonly recordPipelineProbe: RecordPipelineProbe) {}

  @MessagePattern(PipelineProbeSubjects.record)
  record(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.recordPipelineProbe.execute(parseInput(recordProbeRequestSchema, payload), context.requirePrincipal());
  }
}
