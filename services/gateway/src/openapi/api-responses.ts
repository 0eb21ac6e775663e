import type {
  AccountView,
  AdoptionView,
  CitizenStoreView,
  DocumentView,
  DossierDocumentsView,
  RetentionRunView,
  VerifiedDocumentView,
  DossierSignaturesView,
  SignatureView,
  SigningRequestView,
  VerificationView,
  CalendarProposalView,
  CalendarView,
  CitizenRegistrationReceipt,
  CitizenDossierView,
  CitizenVerificationView,
  CostReport,
  DeadLetterList,
  ControlSlipLine,
  DossierRatingView,
  DossierView,
  DueDateView,
  HistoryEntryView,
  HistoryVerification,
  IndicatorsReport,
  LateDossiers,
  HandoverBoardView,
  HandoverView,
  PostalOrderView,
  PostalWebhookReceipt,
  PROCEDURE_FIELDS,
  ProbeReceipt,
  ProcedureSearchPage,
  ProcedureVersionSummary,
  ProcedureVersionView,
  ProviderReceipt,
  ReceiveDossierResult,
  ReconciliationView,
  ReturningApplicant,
  RecordedProbe,
  ReportFreshness,
  ReportTrackingBook,
  RetryReceipt,
  SatisfactionReport,
  StaffingTable,
  StaffNoticeList,
  StaffNoticesReadReceipt,
  TemplateList,
  TemplateView,
  TimelinessReport,
  TrackingBook,
  TrackingView,
  UnitOverrideView,
  UnitView,
  WorkingTimeView,
  WorkQueueCounts,
  WorkQueuePage,
} from '@mc/contracts';
import type { PlatformHealth } from '../health/get-platform-health';

/** A file the gateway streams (a form or a report export): no JSON schema, its media types instead. */
export interface FileDownload {
  file: true;
}

/** A tus step: what it answers is in its headers (Location, Upload-Offset, X-Document-Id), with no body. */
export interface HeadersOnly {
  headersOnly: true;
}

/**
 * What each operation answers on success, by operation id. The response
 * schemas of the OpenAPI document are generated from this interface
 * (tools/generate-api.js), so a type changed in libs/contracts changes the
 * document and the web apps' client with it; the drift check notices.
 */
export interface ApiResponses {
  HealthController_health: PlatformHealth;
  HealthController_live: { status: 'ok' };
  PipelineProbeController_record: RecordedProbe;
  PipelineProbeController_receipt: ProbeReceipt;
  AuthConfigController_authConfig: { issuer: string; discoveryUrl: string; clientId: string; audience: string };
  AuthConfigController_rotateSigningKey: { kid: string };
  UnitsController_get: UnitView & { children: UnitView[] };
  UnitsController_update: UnitView;
  UnitsController_create: UnitView;
  UnitsController_import: { created: number; skipped: number };
  AccountsController_list: { items: AccountView[]; next?: string };
  AccountsController_create: AccountView;
  AccountsController_get: AccountView;
  AccountsController_disable: AccountView;
  AccountsController_enable: AccountView;
  AccountsController_grant: AccountView;
  AccountsController_revoke: AccountView;
  AccountsController_registerCitizen: CitizenRegistrationReceipt;
  AccountsController_verifyCitizen: CitizenVerificationView;
  CalendarController_dueDate: DueDateView;
  CalendarController_workingTime: WorkingTimeView;
  CalendarController_setUnitOverride: UnitOverrideView;
  CalendarController_get: CalendarView;
  CalendarController_proposal: CalendarProposalView;
  CalendarController_setDays: CalendarView;
  CalendarController_setHours: CalendarView;
  DossiersController_receive: ReceiveDossierResult;
  DossiersController_get: DossierView;
  DossiersController_act: DossierView;
  DossiersController_actOnSubHandling: DossierView;
  DossiersController_history: HistoryEntryView[];
  DossiersController_verify: HistoryVerification;
  DossiersController_controlSlip: { code: string; title: string; lines: ControlSlipLine[] };
  ApplicantsController_returning: ReturningApplicant;
  WorkQueuesController_counts: WorkQueueCounts;
  WorkQueuesController_list: WorkQueuePage;
  TrackingController_track: TrackingView;
  RatingsController_rate: DossierRatingView;
  CitizenDossiersController_list: CitizenDossierView[];
  TrackingBookController_book: TrackingBook;
  ProceduresController_fields: (typeof PROCEDURE_FIELDS)[number][];
  ProceduresController_search: ProcedureSearchPage;
  ProceduresController_create: ProcedureVersionView;
  ProceduresController_current: ProcedureVersionView;
  ProceduresController_versions: ProcedureVersionSummary[];
  ProceduresController_createVersion: ProcedureVersionView;
  ProceduresController_inForce: ProcedureVersionView;
  ProceduresController_version: ProcedureVersionView;
  ProceduresController_update: ProcedureVersionView;
  ProceduresController_publish: ProcedureVersionView;
  ProceduresController_withdraw: ProcedureVersionView;
  UnitAdoptionsController_put: AdoptionView;
  UnitAdoptionsController_get: AdoptionView;
  ReportsController_timeliness: TimelinessReport;
  ReportsController_trackingBook: ReportTrackingBook;
  ReportsController_lateDossiers: LateDossiers;
  ReportsController_indicators: IndicatorsReport;
  ReportsController_satisfaction: SatisfactionReport;
  ReportsController_staffing: StaffingTable;
  ReportsController_freshness: ReportFreshness;
  FormsController_dossierForm: FileDownload;
  FormsController_trackingBook: FileDownload;
  PostalController_create: PostalOrderView;
  PostalController_get: PostalOrderView;
  PostalController_webhook: PostalWebhookReceipt;
  PostalController_reconcile: ReconciliationView;
  NotificationsController_listTemplates: TemplateList;
  NotificationsController_saveTemplate: TemplateView;
  NotificationsController_deadLetters: DeadLetterList;
  NotificationsController_retry: RetryReceipt;
  NotificationsController_costs: CostReport;
  NotificationsController_staffNotices: StaffNoticeList;
  NotificationsController_markStaffNoticesRead: StaffNoticesReadReceipt;
  NotificationsController_smsReport: ProviderReceipt;
  NotificationsController_zaloReport: ProviderReceipt;
  NotificationsController_inboundSms: ProviderReceipt;
  PostalController_handovers: HandoverBoardView;
  PostalController_prepareHandover: HandoverView;
  PostalController_confirmHandover: HandoverView;
  FileTransferController_create: HeadersOnly;
  FileTransferController_offset: HeadersOnly;
  FileTransferController_append: HeadersOnly;
  FileTransferController_content: FileDownload;
  DocumentsController_list: DossierDocumentsView;
  DocumentsController_reuse: DocumentView;
  DocumentsController_storeVerified: VerifiedDocumentView;
  DocumentsController_store: CitizenStoreView;
  DocumentsController_retention: RetentionRunView;
  SignaturesController_signResult: SigningRequestView;
  SignaturesController_registerSignedResult: SignatureView;
  SignaturesController_seal: SigningRequestView;
  SignaturesController_signReceipt: SigningRequestView;
  SignaturesController_certifyCopy: SigningRequestView;
  SignaturesController_list: DossierSignaturesView;
  SignaturesController_request: SigningRequestView;
  SignaturesController_verify: VerificationView;
}
