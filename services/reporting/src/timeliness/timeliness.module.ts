import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { GetTimelinessReport } from './get-timeliness-report';
import { TimelinessHandlers } from './timeliness.handlers';

/** The timeliness report: dossiers received, settled early, on time and late over a period. */
@Module({
  imports: [ReadModelsModule],
  controllers: [TimelinessHandlers],
  providers: [GetTimelinessReport],
  exports: [GetTimelinessReport],
})
export class TimelinessModule {}
