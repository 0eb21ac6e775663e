import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { DossierModule } from './dossier.module';
import { CreatePipelineProbes1763800100000 } from './migrations/1763800100000-create-pipeline-probes';
import { PipelineProbe } from './pipeline-probes/pipeline-probe.entity';

export const dossierService: BusServiceDefinition = {
  service: 'dossier',
  module: DossierModule,
  entities: [PipelineProbe],
  migrations: [CreateOutboxAndInbox1763800000000, CreatePipelineProbes1763800100000],
};
