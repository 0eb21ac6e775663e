import { Module, type Provider, type Type } from '@nestjs/common';
import { CALENDAR_SOURCE, LocalCalendarSource } from './adapters/calendar-source';
import { LocalProcedureCatalog, PROCEDURE_CATALOG } from './adapters/procedure-catalog';
import { LocalUnitDirectory, UNIT_DIRECTORY } from './adapters/unit-directory';
import { CLOCK, systemClock } from './clock';
import { ActOnDossier } from './dossiers/act-on-dossier';
import { ActOnSubHandling } from './dossiers/act-on-sub-handling';
import { DeadlineChecker } from './dossiers/deadline-checker';
import { DossierHandlers } from './dossiers/dossier.handlers';
import { GetDossier } from './dossiers/get-dossier';
import { GetDossierHistory } from './dossiers/get-dossier-history';
import { GetTrackingBook } from './dossiers/get-tracking-book';
import { HistoryLog } from './dossiers/history-log';
import { Idempotency } from './dossiers/idempotency';
import { RateDossier } from './dossiers/rate-dossier';
import { ReceiveDossier } from './dossiers/receive-dossier';
import { TrackDossier } from './dossiers/track-dossier';
import { VerifyDossierHistory } from './dossiers/verify-dossier-history';
import { PipelineProbeHandlers } from './pipeline-probes/pipeline-probe.handlers';
import { ReadModelFreshness } from './read-models/read-model-freshness';
import { ReadModelHandlers } from './read-models/read-model.handlers';
import { RecordCalendarChange } from './read-models/record-calendar-change';
import { RecordProcedureVersion } from './read-models/record-procedure-version';
import { RecordProcedureWithdrawal } from './read-models/record-procedure-withdrawal';
import { RecordUnit } from './read-models/record-unit';
import { RecordPipelineProbe } from './pipeline-probes/record-pipeline-probe';
import { CountWorkQueues } from './work-queues/count-work-queues';
import { ListWorkQueue } from './work-queues/list-work-queue';
import { WorkQueueHandlers } from './work-queues/work-queue.handlers';

/** The adapters a test may replace: the catalog, the calendar, the unit tree (read models by default) and the clock. */
export interface DossierAdapters {
  catalog?: Provider;
  calendar?: Provider;
  units?: Provider;
  clock?: Provider;
}

export function createDossierModule(adapters: DossierAdapters = {}): Type<unknown> {
  @Module({
    controllers: [PipelineProbeHandlers, DossierHandlers, WorkQueueHandlers, ReadModelHandlers],
    providers: [
      ListWorkQueue,
      CountWorkQueues,
      RecordPipelineProbe,
      HistoryLog,
      Idempotency,
      ReceiveDossier,
      ActOnDossier,
      ActOnSubHandling,
      DeadlineChecker,
      GetDossier,
      GetDossierHistory,
      VerifyDossierHistory,
      TrackDossier,
      RateDossier,
      GetTrackingBook,
      ReadModelFreshness,
      RecordUnit,
      RecordProcedureVersion,
      RecordProcedureWithdrawal,
      RecordCalendarChange,
      adapters.catalog ?? { provide: PROCEDURE_CATALOG, useClass: LocalProcedureCatalog },
      adapters.calendar ?? { provide: CALENDAR_SOURCE, useClass: LocalCalendarSource },
      adapters.units ?? { provide: UNIT_DIRECTORY, useClass: LocalUnitDirectory },
      adapters.clock ?? { provide: CLOCK, useValue: systemClock },
    ],
  })
  class DossierModule {}
  return DossierModule;
}

export const DossierModule = createDossierModule();
