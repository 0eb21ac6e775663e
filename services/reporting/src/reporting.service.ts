import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { CreatePipelineProbeReceipts1763800100000 } from './migrations/1763800100000-create-pipeline-probe-receipts';
import { ReportingModule } from './reporting.module';

export const reportingService: BusServiceDefinition = {
  service: 'reporting',
  module: ReportingModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000, CreatePipelineProbeReceipts1763800100000],
};
