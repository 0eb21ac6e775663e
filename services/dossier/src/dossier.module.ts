import { Module, type Provider, type Type } from '@nestjs/common';
import { CALENDAR_SOURCE, LocalCalendarSource } from './adapters/calendar-source';
import { LocalProcedureCatalog, PROCEDURE_CATALOG } from './adapters/procedure-catalog';
import { LocalUnitDirectory, UNIT_DIRECTORY } from './adapters/unit-directory';
import { CLOCK, systemClock } from './clock';
import { DeadlineChecker } from './deadlines/deadline-checker';
import { CitizenHandlers } from './citizen/citizen.handlers';
import { ListMyDossiers } from './citizen/list-my-dossiers';
import { DossierHandlers } from './dossiers/dossier.handlers';
import { GetDossier } from './dossiers/get-dossier';
import { Idempotency } from './dossiers/idempotency';
import { ActOnDossier } from './handling/act-on-dossier';
import { HandlingHandlers } from './handling/handling.handlers';
import { GetDossierHistory } from './history/get-dossier-history';
import { HistoryLog } from './history/history-log';
import { HistoryHandlers } from './history/history.handlers';
import { VerifyDossierHistory } from './history/verify-dossier-history';
import { ActOnSubHandling } from './inter-agency/act-on-sub-handling';
import { InterAgencyHandlers } from './inter-agency/inter-agency.handlers';
import { PostalHandlers } from './postal/postal.handlers';
import { RecordPostalStep } from './postal/record-postal-step';
import { PipelineProbeHandlers } from './pipeline-probes/pipeline-probe.handlers';
import { RecordPipelineProbe } from './pipeline-probes/record-pipeline-probe';
import { RateDossier } from './rating/rate-dossier';
import { RatingHandlers } from './rating/rating.handlers';
import { ReadModelFreshness } from './read-models/read-model-freshness';
import { ReadModelHandlers } from './read-models/read-model.handlers';
import { RecordCalendarChange } from './read-models/record-calendar-change';
import { RecordProcedureVersion } from './read-models/record-procedure-version';
import { RecordProcedureWithdrawal } from './read-models/record-procedure-withdrawal';
import { RecordUnit } from './read-models/record-unit';
import { ReceiptHandlers } from './receipt/receipt.handlers';
import { ReceiveDossier } from './receipt/receive-dossier';
import { GetTrackingBook } from './tracking-book/get-tracking-book';
import { TrackingBookHandlers } from './tracking-book/tracking-book.handlers';
import { GetTrackingTokenForReprint } from './tracking/get-tracking-token-for-reprint';
import { TrackDossier } from './tracking/track-dossier';
import { TrackedDossiers } from './tracking/tracked-dossiers';
import { TrackingHandlers } from './tracking/tracking.handlers';
import { CountWorkQueues } from './work-queues/count-work-queues';
import { ListWorkQueue } from './work-queues/list-work-queue';
import { WorkQueueHandlers } from './work-queues/work-queue.handlers';
import { ApplicantHandlers } from './applicants/applicant.handlers';
import { FindReturningApplicant } from './applicants/find-returning-applicant';
import { RecordResultSignature } from './result-signatures/record-result-signature';
import { ResultSignatureHandlers } from './result-signatures/result-signature.handlers';

/** The adapters a test may replace: the catalog, the calendar, the unit tree (read models by default) and the clock. */
export interface DossierAdapters {
  catalog?: Provider;
  calendar?: Provider;
  units?: Provider;
  clock?: Provider;
}

export function createDossierModule(adapters: DossierAdapters = {}): Type<unknown> {
  @Module({
    controllers: [
      PipelineProbeHandlers,
      ReceiptHandlers,
      HandlingHandlers,
      InterAgencyHandlers,
      DossierHandlers,
      CitizenHandlers,
      HistoryHandlers,
      TrackingHandlers,
      RatingHandlers,
      TrackingBookHandlers,
      WorkQueueHandlers,
      ReadModelHandlers,
      PostalHandlers,
      ApplicantHandlers,
      ResultSignatureHandlers,
    ],
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
      ListMyDossiers,
      GetDossierHistory,
      VerifyDossierHistory,
      TrackDossier,
      TrackedDossiers,
      GetTrackingTokenForReprint,
      RateDossier,
      GetTrackingBook,
      ReadModelFreshness,
      RecordUnit,
      RecordProcedureVersion,
      RecordProcedureWithdrawal,
      RecordCalendarChange,
      RecordPostalStep,
      FindReturningApplicant,
      RecordResultSignature,
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
