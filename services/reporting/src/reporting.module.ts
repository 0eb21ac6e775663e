import { Module } from '@nestjs/common';
import { GetProbeReceipt } from './pipeline-probes/get-probe-receipt';
import { PipelineProbeHandlers } from './pipeline-probes/pipeline-probe.handlers';
import { RecordProbeReceipt } from './pipeline-probes/record-probe-receipt';

@Module({
  controllers: [PipelineProbeHandlers],
  providers: [RecordProbeReceipt, GetProbeReceipt],
})
export class ReportingModule {}
