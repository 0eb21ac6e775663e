import { z } from 'zod';
import { defineEvent } from './events';
import { personalIdNumber } from './identity';
import { CHANNELS, notificationPreferencesSchema } from './notifications';
import { nameSchema } from './validation';

/**
 * Dossiers (hồ sơ thủ tục hành chính): receipt at a counter, online or by post,
 * handling along the procedure's workflow, the history that proves who did
 * what, and the citizen's public tracking by code and token.
 */
export const DossierSubjects = {
  receive: 'dossier.dossier.receive',
  get: 'dossier.dossier.get',
  act: 'dossier.dossier.act',
  history: 'dossier.dossier.history',
  verifyHistory: 'dossier.dossier.verify-history',
  controlSlip: 'dossier.dossier.control-slip',
  track: 'dossier.tracking.get',
  /** The receipt's tracking token again, for reprinting Mẫu 01: staff who may receive at the dossier's receiving unit, or its owner. */
  trackingTokenForReprint: 'dossier.tracking.reprint',
  /** An action of a liên thông agency on its own share of a dossier. */
  actOnSubHandling: 'dossier.sub-handling.act',
  trackingBook: 'dossier.tracking-book.get',
  /** The citizen rates the handling of a returned dossier (public, by code and tracking token). */
  rate: 'dossier.rating.submit',
  /** A returning applicant's details as the caller's units last received them. */
  returningApplicant: 'dossier.applicant.returning',
  /** A signed-in citizen's own dossiers, newest first. */
  listMine: 'dossier.citizen.list',
} as const;

/**
 * The citizen portal's tracking page: what the QR code on the receipt (Mẫu 01)
 * opens. The gateway serves the portal under PORTAL_BASE_PATH.
 */
export const PORTAL_BASE_PATH = '/cong-dan';
export const trackingPageUrl = (publicBaseUrl: string, code: string, token: string): string =>
  `${publicBaseUrl.replace(/\/$/, '')}${PORTAL_BASE_PATH}/tra-cuu/${encodeURIComponent(code)}?token=${encodeURIComponent(token)}`;

/**
 * Which set of official forms a dossier's papers follow: TT 01/2018/TT-VPCP for
 * dossiers received before 1 July 2025, TT 03/2025/TT-VPCP from then on.
 */
export type FormRegime = '2018' | '2025';
export const FORMS_2025_FROM = '2025-07-01T00:00:00+07:00';

export const FORM_TITLES: Record<FormRegime, { receipt: string; supplement: string; refusal: string; apology: string; stop: string | null; controlSlip: string; trackingBook: string }> = {
  '2018': {
    receipt: 'Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 01/2018/TT-VPCP)',
    supplement: 'Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (TT 01/2018/TT-VPCP)',
    refusal: 'Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (TT 01/2018/TT-VPCP)',
    apology: 'Mẫu số 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả (TT 01/2018/TT-VPCP)',
    stop: null,
    controlSlip: 'Mẫu số 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ (TT 01/2018/TT-VPCP)',
    trackingBook: 'Mẫu số 06 — Sổ theo dõi hồ sơ (TT 01/2018/TT-VPCP)',
  },
  '2025': {
    receipt: 'Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 03/2025/TT-VPCP)',
    supplement: 'Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (TT 03/2025/TT-VPCP)',
    refusal: 'Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (TT 03/2025/TT-VPCP)',
    apology: 'Mẫu số 04 — Văn bản xin lỗi và đề nghị gia hạn (TT 03/2025/TT-VPCP)',
    stop: 'Mẫu số 05 — Thông báo dừng giải quyết hồ sơ (TT 03/2025/TT-VPCP)',
    controlSlip: 'Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ (TT 03/2025/TT-VPCP)',
    trackingBook: 'Mẫu số 07 — Sổ theo dõi hồ sơ (TT 03/2025/TT-VPCP)',
  },
};

export const formRegimeOf = (receivedAt: Date | string): FormRegime =>
  new Date(receivedAt).getTime() < new Date(FORMS_2025_FROM).getTime() ? '2018' : '2025';

export const trackingBookRequestSchema = z.object({
  unitCode: z.string().trim().min(2).max(40),
  from: z.iso.date('Ngày bắt đầu phải có dạng yyyy-mm-dd.'),
  to: z.iso.date('Ngày kết thúc phải có dạng yyyy-mm-dd.'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type TrackingBookRequest = z.infer<typeof trackingBookRequestSchema>;

export interface TrackingBookLine {
  /** Số thứ tự in the book: the order of receipt within the period. */
  number: number;
  code: string;
  applicantName: string;
  procedureName: string;
  receivedAtDisplay: string;
  dueAtDisplay: string;
  finishedAtDisplay: string | null;
  state: string;
  /** trước hạn / đúng hạn / quá hạn once finished; null while in progress. */
  result: string | null;
  formRegime: FormRegime;
}

export interface TrackingBook {
  title: string;
  unitCode: string;
  fromDisplay: string;
  toDisplay: string;
  total: number;
  lines: TrackingBookLine[];
}

/** Channel codes of the national sync (KenhThucHien). */
export const DOSSIER_CHANNELS = { counter: 1, online: 2, postal: 3 } as const;
export type DossierChannel = keyof typeof DOSSIER_CHANNELS;

export const RETURN_METHODS = ['counter', 'post', 'electronic'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

export const DOSSIER_STATES = [
  'in_progress',
  'awaiting_supplement',
  'approved',
  'result_ready',
  'returned',
  'refused',
  'withdrawn',
  'stopped',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const DOSSIER_STATE_LABELS: Record<DossierState, string> = {
  in_progress: 'Đang giải quyết',
  awaiting_supplement: 'Chờ bổ sung hồ sơ',
  approved: 'Đã phê duyệt, chờ phát hành kết quả',
  result_ready: 'Có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối giải quyết',
  withdrawn: 'Đã rút hồ sơ',
  stopped: 'Dừng giải quyết',
};

export const DOSSIER_ACTIONS = [
  'hand_over',
  'send_back',
  'request_supplement',
  'receive_supplement',
  'approve',
  'refuse',
  'issue_result',
  'return_result',
  'withdraw',
  'stop',
  /** Mẫu 04: apology to the applicant with a new appointment; the dossier counts as late. */
  'apologise',
  /** An extension the law allows for the procedure, approved by a leader; the dossier is not late for it. */
  'extend',
  /** The postal worker collected the result at the counter to deliver it (BCCI): the dossier is returned by post. */
  'hand_to_post',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** Hand-over verdict on the control slip: trước hạn / đúng hạn / quá hạn. */
export type StepVerdict = 'early' | 'on_time' | 'late';

// ---- requests ------------------------------------------------------------------------------------

const text = (label: string, max: number) =>
  z
    .string({ error: `Thiếu ${label}.` })
    .trim()
    .min(1, `Chưa nhập ${label}.`)
    .max(max, `${label.charAt(0).toUpperCase()}${label.slice(1)} tối đa ${max} ký tự.`);

export const taxCode = z
  .string({ error: 'Thiếu mã số thuế.' })
  .trim()
  .regex(/^\d{10}(\d{3})?$/, 'Mã số thuế phải gồm 10 hoặc 13 chữ số.');

const contact = {
  address: text('địa chỉ', 300).optional(),
  phone: z.string().trim().regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0.').optional(),
  email: z.email('Địa chỉ thư điện tử không hợp lệ.').optional(),
};

export const applicantSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('individual'), fullName: nameSchema('họ và tên người nộp', 200), idNumber: personalIdNumber, ...contact }),
    z.object({ kind: z.literal('organisation'), name: nameSchema('tên tổ chức', 300), taxCode, ...contact }),
  ],
  { error: 'Người nộp (kind) phải là individual (cá nhân) hoặc organisation (tổ chức).' },
);
export type Applicant = z.infer<typeof applicantSchema>;

export const submittedComponentSchema = z.object({
  name: text('tên thành phần hồ sơ', 500),
  copyType: z.enum(['original', 'copy', 'certified_copy', 'present_original']).default('original'),
  quantity: z.number().int().min(1).max(50).default(1),
  /** Scanned or born digital at receipt (số hóa thành phần hồ sơ, TT 01/2023). */
  digitised: z.boolean().default(false),
  /** Taken from the citizen's data store or an earlier digitised result instead of asking for it again (tái sử dụng). */
  reusedFromStore: z.boolean().default(false),
});

export const receiveDossierRequestSchema = z.object({
  procedureCode: z.string({ error: 'Thiếu mã thủ tục.' }).trim().min(1, 'Thiếu mã thủ tục.').max(40),
  channel: z.enum(['counter', 'online', 'postal'], 'Kênh nộp phải là counter, online hoặc postal.'),
  /** Where the dossier is received; for a clerk, defaults to the unit of the clerk's role. */
  receivingUnitCode: z.string().trim().min(2).max(40).optional(),
  /** The unit that decides; defaults to the receiving unit. */
  competentUnitCode: z.string().trim().min(2).max(40).optional(),
  applicant: applicantSchema,
  components: z.array(submittedComponentSchema).max(100).default([]),
  sets: z.number().int().min(1).max(20).default(1),
  returnMethod: z.enum(RETURN_METHODS, 'Cách nhận kết quả phải là counter, post hoặc electronic.').default('counter'),
  returnAddress: text('địa chỉ nhận kết quả', 300).optional(),
  /** How the applicant wants to hear about the dossier (to the phone and e-mail given with the applicant), and their consent. */
  notifications: notificationPreferencesSchema.optional(),
  /** The clerk refuses to receive (Mẫu 03) with this reason. */
  refusalReason: text('lý do từ chối tiếp nhận', 1000).optional(),
  /**
   * Liên thông: the other agencies (same level or another level) that must each
   * finish their part before the dossier may leave the step waiting for them.
   */
  interAgency: z
    .object({
      /** The workflow step that waits; defaults to the first consult step, else the first appraisal step. */
      step: z.string().trim().min(1).max(60).optional(),
      agencies: z
        .array(
          z.object({
            unitCode: z.string().trim().min(2).max(40),
            /** Share of the waiting step's time, in percent; the shares add up to 100. Absent everywhere: equal shares. */
            sharePercent: z.number().positive().max(100).optional(),
          }),
        )
        .min(1, 'Cần ít nhất một cơ quan phối hợp liên thông.')
        .max(10),
    })
    .optional(),
});
export type ReceiveDossierRequest = z.infer<typeof receiveDossierRequestSchema>;

const dossierRef = z
  .object({ dossierId: z.uuid('Mã hồ sơ không hợp lệ.').optional(), code: z.string().trim().max(60).optional() })
  .refine((ref) => ref.dossierId !== undefined || ref.code !== undefined, 'Cần mã hồ sơ (dossierId hoặc code).');
export const dossierRefSchema = dossierRef;
export type DossierRef = z.infer<typeof dossierRef>;

export const dossierActionRequestSchema = z
  .object({
    dossierId: z.uuid('Mã hồ sơ không hợp lệ.').optional(),
    code: z.string().trim().max(60).optional(),
    action: z.enum(DOSSIER_ACTIONS, `Thao tác phải là một trong: ${DOSSIER_ACTIONS.join(', ')}.`),
    reason: text('lý do', 1000).optional(),
    /** What the citizen must add, for a supplement request. */
    missing: z.array(text('thành phần cần bổ sung', 500)).max(50).optional(),
    /** What came in answer to a supplement request (receive_supplement): at the counter, or online from the citizen. */
    supplied: z.array(submittedComponentSchema).min(1, 'Chọn ít nhất một thành phần bổ sung.').max(50).optional(),
    returnMethod: z.enum(RETURN_METHODS).optional(),
    /** The new appointment of an apology (Mẫu 04). */
    newDueAt: z.iso.datetime({ offset: true, error: 'Ngày hẹn trả mới phải là thời điểm ISO 8601 có múi giờ.' }).optional(),
    /** For issue_result: the result is an electronic document; defaults to true when it is returned electronically. */
    electronicResult: z.boolean().optional(),
    /** How long an extension adds to the due instant. */
    extendBy: z
      .object({
        value: z.number().positive().max(3650),
        unit: z.enum(['working_days', 'days', 'months', 'working_hours', 'hours'], 'Đơn vị gia hạn phải là working_days, days, months, working_hours hoặc hours.'),
      })
      .optional(),
  })
  .refine((input) => input.dossierId !== undefined || input.code !== undefined, 'Cần mã hồ sơ (dossierId hoặc code).');
export type DossierActionRequest = z.infer<typeof dossierActionRequestSchema>;

export const SUB_HANDLING_STATES = ['pending', 'assigned', 'in_progress', 'done', 'refused'] as const;
export type SubHandlingState = (typeof SUB_HANDLING_STATES)[number];
export const SUB_HANDLING_STATE_LABELS: Record<SubHandlingState, string> = {
  pending: 'Chờ chuyển liên thông',
  assigned: 'Đã chuyển, chờ xử lý',
  in_progress: 'Đang xử lý',
  done: 'Đã xử lý xong',
  refused: 'Từ chối phối hợp',
};
export const SUB_HANDLING_ACTIONS = ['start', 'complete', 'refuse'] as const;
export type SubHandlingAction = (typeof SUB_HANDLING_ACTIONS)[number];

export const subHandlingActionRequestSchema = z
  .object({
    dossierId: z.uuid('Mã hồ sơ không hợp lệ.').optional(),
    code: z.string().trim().max(60).optional(),
    unitCode: z.string({ error: 'Thiếu mã cơ quan phối hợp.' }).trim().min(2).max(40),
    action: z.enum(SUB_HANDLING_ACTIONS, `Thao tác phải là một trong: ${SUB_HANDLING_ACTIONS.join(', ')}.`),
    reason: text('lý do', 1000).optional(),
  })
  .refine((input) => input.dossierId !== undefined || input.code !== undefined, 'Cần mã hồ sơ (dossierId hoặc code).');
export type SubHandlingActionRequest = z.infer<typeof subHandlingActionRequestSchema>;

export const returningApplicantRequestSchema = z.strictObject({ idNumber: personalIdNumber });
export type ReturningApplicantRequest = z.infer<typeof returningApplicantRequestSchema>;

export const trackDossierRequestSchema = z.object({
  code: z.string({ error: 'Thiếu mã hồ sơ.' }).trim().min(1).max(60),
  token: z.string({ error: 'Thiếu mã tra cứu.' }).trim().min(1).max(200),
});

/** The tracking token of a receipt, for reprinting it with the same QR code. */
export interface TrackingTokenView {
  code: string;
  token: string;
}

// ---- replies -------------------------------------------------------------------------------------

export interface StepView {
  key: string;
  kind: string;
  name: string;
  role: string;
  sharePercent: number;
}

/** One agency's part of a liên thông dossier. */
export interface SubHandlingView {
  unitCode: string;
  /** horizontal: another agency of the same level; vertical: a level above or below the competent unit. */
  direction: 'horizontal' | 'vertical';
  step: string;
  sharePercent: number;
  state: SubHandlingState;
  stateLabel: string;
  assignedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  verdict: StepVerdict | null;
}

/** Mẫu 04: Văn bản xin lỗi và hẹn lại ngày trả kết quả. */
/** 2025 Mẫu 05: Thông báo dừng giải quyết hồ sơ (the 2018 regime had no form of its own: a notice with the same content). */
export interface StopNotice {
  form: 'mau-05';
  title: string;
  code: string;
  applicant: Applicant;
  procedure: { code: string; version: number; name: string };
  reason: string;
  signedBy: string;
  signerUnitCode: string;
  signedAt: string;
  signedAtDisplay: string;
}

export interface ApologyForm {
  form: 'mau-04';
  /** The official title: the 2018 and 2025 regimes name this form differently. */
  title: string;
  code: string;
  applicant: Applicant;
  procedure: { code: string; version: number; name: string };
  originalDueAt: string;
  /** hh:mm dd/mm/yyyy */
  originalDueAtDisplay: string;
  reason: string;
  newDueAt: string;
  newDueAtDisplay: string;
  signedBy: string;
  signerUnitCode: string;
  signedAt: string;
}

/** A component as received and stored: what was submitted, and whether it was digitised or reused. */
export interface SubmittedComponentView {
  name: string;
  copyType: string;
  quantity: number;
  digitised: boolean;
  reusedFromStore: boolean;
}

export interface DossierView {
  id: string;
  code: string;
  /** Whose forms its papers follow: TT 01/2018 before 1 July 2025, TT 03/2025 after. */
  formRegime: FormRegime;
  procedure: { code: string; version: number; name: string };
  channel: DossierChannel;
  channelCode: number;
  receivingUnitCode: string;
  competentUnitCode: string;
  applicant: Applicant;
  components: SubmittedComponentView[];
  state: DossierState;
  stateLabel: string;
  currentStep: StepView | null;
  stepDueAt: string | null;
  workflow: StepView[];
  receivedAt: string;
  dueAt: string;
  dueAtDisplay: string;
  supplementRequests: number;
  lateForReporting: boolean;
  finishedAt: string | null;
  onTime: boolean | null;
  returnMethod: ReturnMethod;
  /** Every apology given, oldest first. */
  apologies?: ApologyForm[];
  stopNotice?: StopNotice | null;
  /** Liên thông parts; empty for a dossier one agency handles alone. */
  subHandlings?: SubHandlingView[];
  /**
   * Filed online by someone other than the applicant as proven: an account
   * filing for another person, or one whose own ID number was not proven
   * (`verifiedIdNumber` null). Never attributed to the applicant silently.
   */
  representative?: DossierRepresentative | null;
  /**
   * The actions the reader may take at this step (the dossier service's
   * transition table and the reader's roles); present when a member of staff
   * reads or acts on the dossier. Checks of the moment (a passed due instant,
   * the extension ceiling) still answer when the action is taken.
   */
  allowedActions?: DossierAction[];
}

/** An individual applicant as the counter last wrote them down, to fill in instead of typing again. */
export interface ReturningApplicant {
  applicant: Extract<Applicant, { kind: 'individual' }>;
  /** The dossier these details come from. */
  lastDossierCode: string;
  lastReceivedAt: string;
}

export interface DossierRepresentative {
  /** The filing account's username. */
  username: string;
  /** The filer's own ID number as proven when filing; null when the account had proven none. */
  verifiedIdNumber: string | null;
  /** The applicant's ID number the dossier was filed for (null for an organisation). */
  onBehalfOf: string | null;
}

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptForm {
  form: 'mau-01';
  code: string;
  applicant: Applicant;
  procedure: { code: string; version: number; name: string };
  components: SubmittedComponentView[];
  sets: number;
  statutoryTime: { value: number; unit: string; display: string };
  receivedAt: string;
  receivedAtDisplay: string;
  dueAt: string;
  dueAtDisplay: string;
  collectAt: { method: ReturnMethod; place: string };
  receivingUnitCode: string;
  receivedBy: string;
  channelCode: number;
  /** What the QR code on the receipt encodes: the public tracking address. */
  tracking: { code: string; token: string; path: string };
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — everything missing in one list. */
export interface SupplementRequestForm {
  form: 'mau-02';
  recordId: string;
  procedure: { code: string; version: number; name: string };
  applicant: Applicant;
  missing: string[];
  reason: string;
  guidance: string;
  issuedAt: string;
  issuedAtDisplay: string;
  issuedBy: string;
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalForm {
  form: 'mau-03';
  recordId: string;
  procedure: { code: string; version: number; name: string };
  applicant: Applicant;
  reason: string;
  issuedAt: string;
  issuedAtDisplay: string;
  issuedBy: string;
}

export type ReceiveDossierResult =
  | { outcome: 'accepted'; dossier: DossierView; receipt: ReceiptForm }
  | { outcome: 'incomplete'; request: SupplementRequestForm }
  | { outcome: 'refused'; notice: RefusalForm };

export interface HistoryEntryView {
  seq: number;
  at: string;
  atDisplay: string;
  actor: { subject: string; username: string; role: string; unit: string };
  action: string;
  reason: string | null;
  before: { state: DossierState | null; step: string | null };
  after: { state: DossierState; step: string | null };
  details: Record<string, unknown>;
  hash: string;
}

export interface HistoryVerification {
  dossierId: string;
  code: string;
  entries: number;
  valid: boolean;
  /** The first entry whose hash does not match; null when the chain is intact. */
  firstBadSeq: number | null;
  message: string;
}

/** One line of the control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ). */
export interface ControlSlipLine {
  seq: number;
  fromStep: string | null;
  toStep: string | null;
  from: string;
  to: string;
  handedAt: string;
  handedAtDisplay: string;
  stepDueAt: string | null;
  stepDueAtDisplay: string | null;
  verdict: StepVerdict | null;
  verdictLabel: string | null;
  note: string | null;
}

export interface TrackingView {
  code: string;
  procedureName: string;
  state: DossierState;
  stateLabel: string;
  receivedAtDisplay: string;
  dueAt: string;
  /** dd/mm/yyyy */
  dueDateDisplay: string;
  dueAtDisplay: string;
  steps: { name: string; status: 'done' | 'current' | 'pending' }[];
  /** What the post reported of the dossier's pickup and of the result's delivery, in the operator's event time. */
  postalSteps: { leg: 'pickup' | 'return'; status: string; label: string; waybill: string; atDisplay: string }[];
}

/** One of a signed-in citizen's own dossiers, as "my dossiers" lists it. */
export interface CitizenDossierView {
  code: string;
  procedure: { code: string; version: number; name: string };
  channel: DossierChannel;
  state: DossierState;
  stateLabel: string;
  receivedAtDisplay: string;
  /** dd/mm/yyyy: the appointment to return the result. */
  dueDateDisplay: string;
  returnMethod: ReturnMethod;
  /** The owner holds the receipt: its tracking token, for the receipt, the tracking page and the rating. */
  trackingToken: string;
  /** The open supplement request (Mẫu 02) while the dossier awaits it; null otherwise. */
  supplement: { missing: string[]; reason: string; requestedAtDisplay: string } | null;
  /** The result was issued as an electronic document. */
  electronicResult: boolean;
  /** The citizen has rated the handling (once per dossier). */
  rated: boolean;
}

// ---- events --------------------------------------------------------------------------------------

const eventBase = z.object({
  dossierId: z.uuid(),
  code: z.string(),
  procedureCode: z.string(),
  receivingUnitCode: z.string(),
  competentUnitCode: z.string(),
  state: z.enum(DOSSIER_STATES),
  step: z.string().nullable(),
  dueAt: z.iso.datetime({ offset: true }),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: z.string(),
});
const withReason = eventBase.extend({ reason: z.string() });
const finished = eventBase.extend({ onTime: z.boolean(), lateForReporting: z.boolean() });

export const dossierReceivedV1 = defineEvent(
  'dossier',
  'dossier',
  'received',
  1,
  eventBase.extend({
    channelCode: z.number().int(),
    receivedAt: z.iso.datetime({ offset: true }),
    procedureVersion: z.number().int(),
    // Added for reporting; optional so that events written before them still parse.
    procedureName: z.string().optional(),
    fieldCode: z.string().optional(),
    applicantName: z.string().optional(),
    returnMethod: z.enum(RETURN_METHODS).optional(),
    components: z.object({ total: z.number().int(), digitised: z.number().int(), reused: z.number().int() }).optional(),
    /** A dossier the post brought in: the postal order it came with. */
    postalOrderId: z.uuid().optional(),
    /**
     * Where and how the applicant is to be notified, as given at receipt; only
     * the notifications service reads it. Absent: the applicant gave no consent.
     */
    contact: z
      .object({ phone: z.string().nullable(), email: z.string().nullable(), channels: z.array(z.enum(CHANNELS)), consent: z.boolean() })
      .optional(),
    /** The public tracking address with the receipt's token, as the receipt's QR code encodes it. */
    trackingPath: z.string().optional(),
  }),
);
/**
 * A receipt of a dossier the post brought in on a citizen's order, beside its
 * `received` event and relayed after it: the postal service links the order to
 * the dossier from this one and need not read every receipt.
 */
export const dossierPostalOrderReceivedV1 = defineEvent('dossier', 'dossier', 'postal-order-received', 1, eventBase.extend({ postalOrderId: z.uuid() }));
export const dossierSupplementRequestedV1 = defineEvent(
  'dossier',
  'dossier',
  'supplement-requested',
  1,
  // `missing`: the list of Mẫu 02, for telling the applicant; optional so that earlier events still parse.
  withReason.extend({ requestCount: z.number().int(), lateForReporting: z.boolean(), missing: z.array(z.string()).optional() }),
);
export const dossierSupplementReceivedV1 = defineEvent(
  'dossier',
  'dossier',
  'supplement-received',
  1,
  eventBase.extend({ pausedWorkingMilliseconds: z.number().int() }),
);
export const dossierHandedOverV1 = defineEvent(
  'dossier',
  'dossier',
  'handed-over',
  1,
  eventBase.extend({
    fromStep: z.string().nullable(),
    toStep: z.string().nullable(),
    // `toStepName`: the step's name as the staff read it; optional so that earlier events still parse.
    toStepName: z.string().nullable().optional(),
    verdict: z.enum(['early', 'on_time', 'late']).nullable(),
  }),
);
export const dossierApprovedV1 = defineEvent('dossier', 'dossier', 'approved', 1, eventBase);
export const dossierRefusedV1 = defineEvent('dossier', 'dossier', 'refused', 1, finished.extend({ reason: z.string() }));
/** `electronicResult`: the result was issued as an electronic document (kết quả điện tử), whatever way it is handed over. */
export const dossierResultIssuedV1 = defineEvent('dossier', 'dossier', 'result-issued', 1, eventBase.extend({ electronicResult: z.boolean().optional() }));
export const dossierReturnedV1 = defineEvent('dossier', 'dossier', 'returned', 1, finished.extend({ returnMethod: z.enum(RETURN_METHODS) }));
export const dossierWithdrawnV1 = defineEvent('dossier', 'dossier', 'withdrawn', 1, finished.extend({ reason: z.string() }));
export const dossierStoppedV1 = defineEvent('dossier', 'dossier', 'stopped', 1, finished.extend({ reason: z.string() }));

const subHandlingBase = eventBase.extend({
  agencyUnitCode: z.string(),
  direction: z.enum(['horizontal', 'vertical']),
  subHandlingDueAt: z.iso.datetime({ offset: true }),
});
export const dossierSubHandlingStartedV1 = defineEvent('dossier', 'dossier', 'sub-handling-started', 1, subHandlingBase);
export const dossierSubHandlingCompletedV1 = defineEvent(
  'dossier',
  'dossier',
  'sub-handling-completed',
  1,
  subHandlingBase.extend({
    outcome: z.enum(['done', 'refused']),
    verdict: z.enum(['early', 'on_time', 'late']),
    reason: z.string().nullable(),
    /** Every agency of the dossier has finished its part. */
    allDone: z.boolean(),
  }),
);

const deadlineMark = eventBase.extend({
  /** The whole dossier's due instant, the current step's, or a liên thông agency's part's. */
  scope: z.enum(['dossier', 'step', 'agency']),
  /** For an agency's part of a liên thông dossier. */
  agencyUnitCode: z.string().optional(),
  markedDueAt: z.iso.datetime({ offset: true }),
  remainingWorkingMilliseconds: z.number().int(),
});
export const dossierDueSoonV1 = defineEvent('dossier', 'dossier', 'due-soon', 1, deadlineMark);
export const dossierOverdueV1 = defineEvent('dossier', 'dossier', 'overdue', 1, deadlineMark);
export const dossierApologisedV1 = defineEvent(
  'dossier',
  'dossier',
  'apologised',
  1,
  eventBase.extend({ originalDueAt: z.iso.datetime({ offset: true }), newDueAt: z.iso.datetime({ offset: true }), reason: z.string(), signer: z.string() }),
);
export const dossierExtendedV1 = defineEvent(
  'dossier',
  'dossier',
  'extended',
  1,
  eventBase.extend({
    previousDueAt: z.iso.datetime({ offset: true }),
    extendBy: z.object({ value: z.number(), unit: z.string() }),
    reason: z.string(),
    approver: z.string(),
  }),
);
const postal = eventBase.extend({
  applicant: z.object({ name: z.string(), phone: z.string().nullable() }),
  address: z.string().nullable(),
});
/** The post collects the dossier from the applicant and brings it to the receiving counter. */
export const dossierPostalPickupRequestedV1 = defineEvent('dossier', 'dossier', 'postal-pickup-requested', 1, postal);
/** The post takes the result from the counter to the applicant's address. */
export const dossierPostalReturnRequestedV1 = defineEvent('dossier', 'dossier', 'postal-return-requested', 1, postal);

// ---- satisfaction ratings ------------------------------------------------------------------------

/**
 * The citizen's evaluation after the result is returned (NĐ 61/2018 Art. 32–33):
 * each criterion of the evaluation form rated on four levels. A rating with any
 * criterion "không hài lòng" counts as dissatisfied in the QĐ 766 satisfaction indicator.
 */
export const RATING_CRITERIA = [
  { key: 'reception', label: 'Tiếp nhận và hướng dẫn hồ sơ' },
  { key: 'duration', label: 'Thời gian giải quyết' },
  { key: 'attitude', label: 'Thái độ phục vụ của cán bộ, công chức' },
  { key: 'result', label: 'Kết quả giải quyết đúng quy định' },
  { key: 'costs', label: 'Không phát sinh chi phí ngoài quy định' },
] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number]['key'];
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  very_satisfied: 'Rất hài lòng',
  satisfied: 'Hài lòng',
  neutral: 'Bình thường',
  dissatisfied: 'Không hài lòng',
};

type RatingLevelSchema = z.ZodEnum<{ [L in RatingLevel]: L }>;
/** A criterion left out and a criterion given an unknown level are told apart. */
const ratingLevel = (label: string): RatingLevelSchema =>
  z.enum(RATING_LEVELS, {
    error: (issue) =>
      issue.input === undefined
        ? `Chưa đánh giá tiêu chí "${label}".`
        : `Mức đánh giá tiêu chí "${label}" phải là một trong: ${RATING_LEVELS.join(', ')}.`,
  });
export const rateDossierRequestSchema = z.object({
  code: z.string({ error: 'Thiếu mã hồ sơ.' }).trim().min(1).max(60),
  /** The tracking token printed on the receipt: whoever holds the receipt may rate. */
  token: z.string({ error: 'Thiếu mã tra cứu.' }).trim().min(1).max(200),
  scores: z.strictObject(
    Object.fromEntries(RATING_CRITERIA.map(({ key, label }) => [key, ratingLevel(label)])) as Record<RatingCriterion, RatingLevelSchema>,
  ),
  comment: z.string().trim().max(1000, 'Ý kiến tối đa 1000 ký tự.').optional(),
});
export type RateDossierRequest = z.infer<typeof rateDossierRequestSchema>;

export interface DossierRatingView {
  code: string;
  scores: Record<RatingCriterion, RatingLevel>;
  dissatisfied: boolean;
  comment: string | null;
  ratedAt: string;
  ratedAtDisplay: string;
}

export const dossierRatedV1 = defineEvent(
  'dossier',
  'dossier',
  'rated',
  1,
  eventBase.extend({
    scores: z.record(z.string(), z.enum(RATING_LEVELS)),
    dissatisfied: z.boolean(),
    ratedAt: z.iso.datetime({ offset: true }),
  }),
);
