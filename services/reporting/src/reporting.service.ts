import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { CreatePipelineProbeReceipts1763800100000 } from './migrations/1763800100000-create-pipeline-probe-receipts';
import { CreateReportingProjection1763900000000 } from './migrations/1763900000000-create-reporting-projection';
import { CreateStaffingReadModel1763900500000 } from './migrations/1763900500000-create-staffing-read-model';
import { CreateProceduresReadModel1763900600000 } from './migrations/1763900600000-create-procedures-read-model';
import { CreateReportRollups1763900700000 } from './migrations/1763900700000-create-report-rollups';
import { CreateDocumentFacts1765200000000 } from './migrations/1765200000000-create-document-facts';
import { projectionConfigSchema } from './projection/projection.config';
import { observeReportFreshness } from './read-models/freshness-gauges';
import { ReportingModule } from './reporting.module';

export const reportingService: BusServiceDefinition = {
  service: 'reporting',
  module: ReportingModule,
  observe: observeReportFreshness,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000, CreatePipelineProbeReceipts1763800100000, CreateReportingProjection1763900000000, CreateStaffingReadModel1763900500000, CreateProceduresReadModel1763900600000, CreateReportRollups1763900700000, CreateDocumentFacts1765200000000],
  config: projectionConfigSchema,
};
