import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { GetReportTrackingBook } from './get-report-tracking-book';
import { TrackingBookHandlers } from './tracking-book.handlers';

/** The tracking book of the dossiers a unit received. */
@Module({
  imports: [ReadModelsModule],
  controllers: [TrackingBookHandlers],
  providers: [GetReportTrackingBook],
  exports: [GetReportTrackingBook],
})
export class TrackingBookModule {}
