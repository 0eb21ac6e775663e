import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ApplyDossierEvents } from './apply-dossier-events';
import { DossierProjector } from './dossier-projector';
import { KeepDayOpenCounts } from './keep-day-open-counts';
import { RebuildProjection } from './rebuild-projection';

/** Applies the dossier stream to the read models, keeps each day's open counts, and rebuilds them on demand. */
@Module({
  imports: [ReadModelsModule],
  providers: [ApplyDossierEvents, DossierProjector, KeepDayOpenCounts, RebuildProjection],
})
export class ProjectionModule {}
