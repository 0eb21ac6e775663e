import { Global, Module, type Type } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from './clock';
import { ExportsModule } from './exports/exports.module';
import { FreshnessHandlers } from './freshness/freshness.handlers';
import { GetReportFreshness } from './freshness/get-report-freshness';
import { IndicatorsModule } from './indicators/indicators.module';
import { GetProbeReceipt } from './pipeline-probes/get-probe-receipt';
import { PipelineProbeHandlers } from './pipeline-probes/pipeline-probe.handlers';
import { RecordProbeReceipt } from './pipeline-probes/record-probe-receipt';
import { LateDossiersHandlers } from './late-dossiers/late-dossiers.handlers';
import { ListLateDossiers } from './late-dossiers/list-late-dossiers';
import { ApplyDossierEvents } from './projection/apply-dossier-events';
import { DossierProjector } from './projection/dossier-projector';
import { KeepDayOpenCounts } from './projection/keep-day-open-counts';
import { RebuildProjection } from './projection/rebuild-projection';
import { GetTimelinessReport } from './timeliness/get-timeliness-report';
import { TimelinessHandlers } from './timeliness/timeliness.handlers';
import { GetReportTrackingBook } from './tracking-book/get-report-tracking-book';
import { TrackingBookHandlers } from './tracking-book/tracking-book.handlers';
import { RecordUnit } from './units/record-unit';
import { ResolveReportScope } from './units/report-scope';
import { UnitHandlers } from './units/unit.handlers';
import { REPORT_QUERIES } from './exports/report-queries';
import { ReportQueriesAdapter } from './report-queries.adapter';

/** The reporting service with the clock its reports judge open dossiers by; tests pass one they set. */
export function createReportingModule(clock: Clock = systemClock): Type<unknown> {
  // Global so the indicators and the exports, modules of their own, read the same clock.
  @Global()
  @Module({ providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] })
  class ClockModule {}

  @Module({
    imports: [ClockModule, IndicatorsModule, ExportsModule],
    controllers: [PipelineProbeHandlers, UnitHandlers, FreshnessHandlers, TimelinessHandlers, TrackingBookHandlers, LateDossiersHandlers],
    providers: [
      RecordProbeReceipt,
      GetProbeReceipt,
      RecordUnit,
      ResolveReportScope,
      ApplyDossierEvents,
      DossierProjector,
      KeepDayOpenCounts,
      RebuildProjection,
      GetReportFreshness,
      GetTimelinessReport,
      GetReportTrackingBook,
      ListLateDossiers,
      ReportQueriesAdapter,
      { provide: REPORT_QUERIES, useExisting: ReportQueriesAdapter },
    ],
    exports: [ResolveReportScope, GetReportFreshness],
  })
  class ReportingModule {}
  return ReportingModule;
}

export const ReportingModule = createReportingModule();
