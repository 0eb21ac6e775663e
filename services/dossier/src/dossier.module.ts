import { Module } from '@nestjs/common';
import { PipelineProbeHandlers } from './pipeline-probes/pipeline-probe.handlers';
import { RecordPipelineProbe } from './pipeline-probes/record-pipeline-probe';

@Module({
  controllers: [PipelineProbeHandlers],
  providers: [RecordPipelineProbe],
})
export class DossierModule {}
