import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { GetProbeReceipt } from './get-probe-receipt';
import { PipelineProbeHandlers } from './pipeline-probe.handlers';
import { RecordProbeReceipt } from './record-probe-receipt';

/** Records the probes sent through the event pipeline, so a check can see them arrive. */
@Module({
  imports: [ReadModelsModule],
  controllers: [PipelineProbeHandlers],
  providers: [GetProbeReceipt, RecordProbeReceipt],
})
export class PipelineProbesModule {}
