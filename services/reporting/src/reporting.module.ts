import { Global, Module, type Type } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from './clock';
import { REPORT_QUERIES } from './exports/report-queries';
import { ExportsModule } from './exports/exports.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { LateDossiersModule } from './late-dossiers/late-dossiers.module';
import { PipelineProbesModule } from './pipeline-probes/pipeline-probes.module';
import { ProceduresModule } from './procedures/procedures.module';
import { ProjectionModule } from './projection/projection.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReportQueriesAdapter } from './report-queries.adapter';
import { SatisfactionModule } from './satisfaction/satisfaction.module';
import { StaffingModule } from './staffing/staffing.module';
import { TimelinessModule } from './timeliness/timeliness.module';
import { TrackingBookModule } from './tracking-book/tracking-book.module';
import { UnitsModule } from './units/units.module';

/**
 * The reporting service with the clock its reports judge open dossiers by;
 * tests pass one they set. Each feature folder is a module of its own over the
 * shared read models; the exports reach the reports through REPORT_QUERIES.
 */
export function createReportingModule(clock: Clock = systemClock): Type<unknown> {
  // Global so every feature module reads the same clock.
  @Global()
  @Module({ providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] })
  class ClockModule {}

  @Module({
    imports: [
      ClockModule,
      ReadModelsModule,
      ProjectionModule,
      UnitsModule,
      ProceduresModule,
      PipelineProbesModule,
      TimelinessModule,
      TrackingBookModule,
      LateDossiersModule,
      IndicatorsModule,
      SatisfactionModule,
      StaffingModule,
      ExportsModule,
    ],
    providers: [ReportQueriesAdapter, { provide: REPORT_QUERIES, useExisting: ReportQueriesAdapter }],
  })
  class ReportingModule {}
  return ReportingModule;
}

export const ReportingModule = createReportingModule();
