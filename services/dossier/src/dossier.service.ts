import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { dossierConfigSchema } from './dossier.config';
import { DossierModule } from './dossier.module';
import { observeOverdueDossiers } from './deadlines/overdue-gauge';
import { CreatePipelineProbes1763800100000 } from './migrations/1763800100000-create-pipeline-probes';
import { CreateDossiers1763801000000 } from './migrations/1763801000000-create-dossiers';
import { CreateSubHandlings1763801500000 } from './migrations/1763801500000-create-sub-handlings';
import { AddDeadlineMarks1763801600000 } from './migrations/1763801600000-add-deadline-marks';
import { AddStopNotice1763801700000 } from './migrations/1763801700000-add-stop-notice';
import { AddSubHandlingMarks1763801800000 } from './migrations/1763801800000-add-sub-handling-marks';
import { AddElectronicResult1763802100000 } from './migrations/1763802100000-add-electronic-result';
import { CreateDossierRatings1763802200000 } from './migrations/1763802200000-create-dossier-ratings';
import { AddOnlineRepresentative1763802350000 } from './migrations/1763802350000-add-online-representative';
import { AddWorkQueueIndexes1763802000000 } from './work-queues/migrations/1763802000000-add-work-queue-indexes';
import { AddCitizenDossierIndexes1763802650000 } from './citizen/migrations/1763802650000-add-citizen-dossier-indexes';
import { DropDuplicateApplicantIndex1765400000000 } from './citizen/migrations/1765400000000-drop-duplicate-applicant-index';
import { PipelineProbe } from './pipeline-probes/pipeline-probe.entity';
import { CreateReadModels1763802500000 } from './read-models/migrations/1763802500000-create-read-models';
import { ReadModelFreshness } from './read-models/read-model-freshness';
import { AddApplicantLookupIndex1763802600000 } from './applicants/migrations/1763802600000-add-applicant-lookup-index';
import { AddPostalHistoryIndex1763802700000 } from './tracking/migrations/1763802700000-add-postal-history-index';
import { CreateResultSignatures1765300100000 } from './result-signatures/migrations/1765300100000-create-result-signatures';

export const dossierService: BusServiceDefinition<typeof dossierConfigSchema> = {
  service: 'dossier',
  module: DossierModule,
  observe: observeOverdueDossiers,
  entities: [PipelineProbe],
  migrations: [
    CreateOutboxAndInbox1763800000000,
    CreatePipelineProbes1763800100000,
    CreateDossiers1763801000000,
    CreateSubHandlings1763801500000,
    AddDeadlineMarks1763801600000,
    AddStopNotice1763801700000,
    AddSubHandlingMarks1763801800000,
    AddWorkQueueIndexes1763802000000,
    AddElectronicResult1763802100000,
    CreateDossierRatings1763802200000,
    AddOnlineRepresentative1763802350000,
    CreateReadModels1763802500000,
    AddApplicantLookupIndex1763802600000,
    AddCitizenDossierIndexes1763802650000,
    AddPostalHistoryIndex1763802700000,
    CreateResultSignatures1765300100000,
    DropDuplicateApplicantIndex1765400000000,
  ],
  config: dossierConfigSchema,
  // A replica whose units, procedures or calendar are unknown or behind refuses submissions (503): it is not ready.
  readiness: async (app) => app.get(ReadModelFreshness).requireAll(),
};
