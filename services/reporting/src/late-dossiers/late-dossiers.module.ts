import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { LateDossiersHandlers } from './late-dossiers.handlers';
import { ListLateDossiers } from './list-late-dossiers';

/** The list of dossiers settled or still open past their due date, with the reason of each. */
@Module({
  imports: [ReadModelsModule],
  controllers: [LateDossiersHandlers],
  providers: [ListLateDossiers],
  exports: [ListLateDossiers],
})
export class LateDossiersModule {}
