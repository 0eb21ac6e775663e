import { Module, type Provider, type Type } from '@nestjs/common';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import { NatsClientProxy } from '@mc/messaging';
import { CALENDAR_SOURCE, CatalogCalendarSource, DefaultProfileCalendarSource } from './adapters/calendar-source';
import { NatsProcedureCatalog, PROCEDURE_CATALOG } from './adapters/procedure-catalog';
import { IdentityUnitDirectory, UNIT_DIRECTORY } from './adapters/unit-directory';
import { CLOCK, systemClock } from './clock';
import type { DossierConfig } from './dossier.config';
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
import { RecordPipelineProbe } from './pipeline-probes/record-pipeline-probe';
import { CountWorkQueues } from './work-queues/count-work-queues';
import { ListWorkQueue } from './work-queues/list-work-queue';
import { WorkQueueHandlers } from './work-queues/work-queue.handlers';

/** The adapters a test may replace: the catalog, the calendar, the unit tree and the clock. */
export interface DossierAdapters {
  catalog?: Provider;
  calendar?: Provider;
  units?: Provider;
  clock?: Provider;
}

const defaultCalendar: Provider = {
  provide: CALENDAR_SOURCE,
  inject: [SERVICE_CONFIG, NatsClientProxy],
  useFactory: (config: DossierConfig, bus: NatsClientProxy) =>
    config.DOSSIER_CALENDAR_SOURCE === 'default-profile' ? new DefaultProfileCalendarSource() : new CatalogCalendarSource(bus),
};

export function createDossierModule(adapters: DossierAdapters = {}): Type<unknown> {
  @Module({
    controllers: [PipelineProbeHandlers, DossierHandlers, WorkQueueHandlers],
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
      adapters.catalog ?? { provide: PROCEDURE_CATALOG, useClass: NatsProcedureCatalog },
      adapters.calendar ?? defaultCalendar,
      adapters.units ?? { provide: UNIT_DIRECTORY, useClass: IdentityUnitDirectory },
      adapters.clock ?? { provide: CLOCK, useValue: systemClock },
    ],
  })
  class DossierModule {}
  return DossierModule;
}

export const DossierModule = createDossierModule();
