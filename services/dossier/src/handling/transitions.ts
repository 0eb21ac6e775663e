import {
  AppError,
  DEFAULT_MAX_EXTENSIONS,
  dossierApologisedV1,
  dossierApprovedV1,
  dossierExtendedV1,
  dossierHandedOverV1,
  dossierPostalReturnRequestedV1,
  dossierRefusedV1,
  dossierResultIssuedV1,
  dossierReturnedV1,
  dossierStoppedV1,
  dossierSubHandlingStartedV1,
  dossierSupplementReceivedV1,
  dossierSupplementRequestedV1,
  dossierWithdrawnV1,
  FORM_TITLES,
  formRegimeOf,
  type ApologyForm,
  type DossierAction,
  type DossierActionRequest,
  type DossierState,
  type EventDefinition,
  type ReturnMethod,
  type StepVerdict,
  type StepView,
  type StopNotice,
} from '@mc/contracts';
import type { Principal } from '@mc/auth/rules';
import { countingStartsAt, extendBy, extendForPauses, workingTimeBetween, type WorkingCalendar } from '@mc/working-calendar';
import { stepDueAt, verdictOf } from '../deadlines/deadlines';
import { displayInstant } from '../dossiers/display';
import { eventBase, type DossierRow } from '../dossiers/dossier-row';
import type { HistoryEntry } from '../history/history-log';
import type { ResultSignature } from '../result-signatures/result-signature';
import { postalRequest } from '../dossiers/postal';
import { worstVerdict, type SubHandlingRow } from '../inter-agency/sub-handlings';
import type { ActingAs, StepKind, TransitionRule } from './workflow';

/** The columns an action may change, with their types; nothing else is ever written by acting on a dossier. */
export interface DossierChanges {
  state?: DossierState;
  step_index?: number;
  step_started_at?: Date;
  step_due_at?: Date | null;
  step_due_soon_marked_at?: null;
  step_overdue_marked_at?: null;
  paused_at?: Date | null;
  paused_working_ms?: number;
  supplement_requests?: number;
  late_for_reporting?: boolean;
  due_at?: Date;
  due_soon_marked_at?: null;
  overdue_marked_at?: null;
  apologies?: ApologyForm[];
  stop_notice?: StopNotice;
  finished_at?: Date;
  on_time?: boolean;
  return_method?: ReturnMethod;
  electronic_result?: boolean;
}

/** Everything a transition decides from: the dossier as locked, the request, who acts, when, and on which calendar. */
export interface TransitionFacts {
  row: DossierRow;
  input: DossierActionRequest;
  principal: Principal;
  actingAs: ActingAs;
  now: Date;
  calendar: WorkingCalendar;
  /** The dossier's liên thông parts, in order. */
  parts: SubHandlingRow[];
  /** How many extensions the history records; read only by transitions that declare `counts: 'extensions'`. */
  extensionsMade: number;
  /** The leader's latest recorded signature of the result; read only by transitions that declare `reads: 'result-signature'`. */
  resultSignature?: ResultSignature | null;
}

/** An event to write in the outbox, typed by its definition. */
export interface PendingEvent {
  definition: EventDefinition<unknown>;
  data: unknown;
}
const event = <T>(definition: EventDefinition<T>, data: NoInfer<T>): PendingEvent => ({ definition: definition as EventDefinition<unknown>, data });

interface Effects {
  changes?: DossierChanges;
  details?: Record<string, unknown>;
  /** Liên thông parts whose due instant moves without being handed over again. */
  partDueAt?: { unitCode: string; dueAt: Date }[];
}

type HistoryRecord = Omit<HistoryEntry, 'dossierId' | 'seq' | 'at' | 'actor'>;

/** What acting on a dossier writes: the row's changes, its parts' changes, the history entries and, once saved, the events. */
export interface TransitionPlan {
  to: DossierState;
  changes: DossierChanges;
  /** Parts handed to their agency now (`assignedAt`) or whose due instant moves (`assignedAt` null). */
  parts: { unitCode: string; dueAt: Date; assignedAt: Date | null }[];
  history: HistoryRecord[];
  /** The events of the saved dossier, in the order they are written. */
  events(updated: DossierRow): PendingEvent[];
}

export interface Transition extends TransitionRule {
  /** Facts the use case must load for this transition beyond the row and its parts. */
  counts?: 'extensions';
  reads?: 'result-signature';
  /** Refuses the action with a clear error; runs after the state, actor and reason checks. */
  guard?(facts: TransitionFacts): void;
  effects?(facts: TransitionFacts): Effects;
  events(updated: DossierRow, facts: TransitionFacts, details: Record<string, unknown>): PendingEvent[];
}

const WORKING_KINDS: readonly StepKind[] = ['receive', 'transfer', 'appraise', 'verify', 'consult'];
const OPEN: readonly DossierState[] = ['in_progress', 'awaiting_supplement'];
const NOT_FINISHED: readonly DossierState[] = ['in_progress', 'awaiting_supplement', 'approved', 'result_ready'];
export const FINAL_STATES: readonly DossierState[] = ['returned', 'refused', 'withdrawn', 'stopped'];

const invalid = (message: string, path: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
const base = (updated: DossierRow, facts: TransitionFacts) => eventBase(updated, facts.now, facts.principal.username);
const finished = (updated: DossierRow, facts: TransitionFacts) => ({
  ...base(updated, facts),
  onTime: updated.on_time ?? false,
  lateForReporting: updated.late_for_reporting,
});
const reason = (facts: TransitionFacts) => facts.input.reason ?? '';
const handedOver = (updated: DossierRow, facts: TransitionFacts, details: Record<string, unknown>) =>
  event(dossierHandedOverV1, {
    ...base(updated, facts),
    fromStep: (details.fromStep as string | null) ?? null,
    toStep: (details.toStep as string | null) ?? null,
    toStepName: (details.toStepName as string | null) ?? null,
    verdict: (details.verdict as StepVerdict | null) ?? null,
  });

/** The result cannot be issued or returned late until an apology or an extension moves the appointment. */
function notPastDue({ row, input, now }: TransitionFacts): void {
  if (now.getTime() <= new Date(row.due_at).getTime()) return;
  throw new AppError(
    'ILLEGAL_TRANSITION',
    `Hồ sơ đã quá hạn trả kết quả (${displayInstant(row.due_at)}). Lãnh đạo cơ quan giải quyết cần lập văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04) hoặc gia hạn theo quy định trước khi phát hành, trả kết quả.`,
    { state: row.state, step: row.workflow[row.step_index]?.key ?? null, action: input.action, dueAt: new Date(row.due_at).toISOString() },
  );
}

/** Returned electronically unless the request says otherwise: then the result is an electronic document (kết quả điện tử). */
const electronicResultOf = ({ row, input }: TransitionFacts) => input.electronicResult ?? row.return_method === 'electronic';

/**
 * An electronic result has the legal value of paper only when signed: it is
 * not issued until the signatures service has recorded a valid signature of
 * this dossier's result by the competent unit's leader.
 */
function signedWhenElectronic(facts: TransitionFacts): void {
  if (!electronicResultOf(facts) || facts.resultSignature) return;
  throw new AppError(
    'SIGNATURE_REQUIRED',
    `Kết quả điện tử của hồ sơ ${facts.row.code} chưa có chữ ký số hợp lệ của lãnh đạo cơ quan giải quyết. Lãnh đạo cần ký số kết quả trước khi phát hành; nếu vừa ký, thử lại sau vài giây.`,
    { state: facts.row.state, action: facts.input.action },
  );
}

/** The new due instant of an apology or an extension; it must be later than the one it replaces and than now. */
function newAppointment({ input, row, now, calendar }: TransitionFacts): Date {
  let next: Date;
  if (input.action === 'apologise') {
    if (!input.newDueAt) throw invalid('Nhập ngày hẹn trả kết quả mới (newDueAt).', 'newDueAt');
    next = new Date(input.newDueAt);
  } else {
    if (!input.extendBy) throw invalid('Nhập thời gian gia hạn (extendBy).', 'extendBy');
    next = extendBy(new Date(row.due_at), input.extendBy, calendar);
  }
  if (next.getTime() <= Math.max(now.getTime(), new Date(row.due_at).getTime())) {
    throw invalid(`Ngày hẹn mới phải sau hạn hiện tại (${displayInstant(row.due_at)}) và sau thời điểm hiện tại.`, input.action === 'apologise' ? 'newDueAt' : 'extendBy');
  }
  return next;
}

/** A new due instant is marked afresh: it may come near and pass again. */
const reappointed = (row: DossierRow, dueAt: Date) => ({
  changes: { due_at: dueAt, due_soon_marked_at: null, overdue_marked_at: null },
  details: { previousDueAt: new Date(row.due_at).toISOString(), dueAt: dueAt.toISOString() },
});

/**
 * Refuses an extension beyond the procedure's ceiling (from the version the
 * dossier was received under), counted from the dossier's own history, which
 * the caller's transaction holds locked with the dossier row.
 */
function withinExtensionCeiling({ row, extensionsMade: made }: TransitionFacts): void {
  const ceiling = row.processing_time.maxExtensions ?? DEFAULT_MAX_EXTENSIONS;
  if (made < ceiling) return;
  const message =
    ceiling === 0
      ? `Thủ tục "${row.procedure_name}" không cho phép gia hạn. Nếu không trả kết quả đúng hẹn, gửi văn bản xin lỗi và hẹn lại ngày trả kết quả.`
      : `Hồ sơ ${row.code} đã được gia hạn ${made} lần, bằng số lần tối đa thủ tục "${row.procedure_name}" cho phép (${ceiling} lần). Nếu không trả kết quả đúng hẹn, gửi văn bản xin lỗi và hẹn lại ngày trả kết quả.`;
  throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'action', message: 'Đã hết số lần gia hạn.' }], extensionsMade: made, maxExtensions: ceiling });
}

const procedureOf = (row: DossierRow) => ({ code: row.procedure_code, version: row.procedure_version, name: row.procedure_name });

/**
 * The dossier's lifecycle as one table: who may take each action from which
 * state and step, what it checks, what it changes and what it announces. An
 * action not allowed from the current state (or at the current step's kind) is
 * an illegal transition; an actor without the step's role in the step's unit
 * is refused.
 */
export const TRANSITIONS: Record<DossierAction, Transition> = {
  hand_over: {
    from: ['in_progress'],
    stepKinds: WORKING_KINDS,
    actor: { step: true },
    to: 'in_progress',
    move: 1,
    needsReason: false,
    events: (updated, facts, details) => [handedOver(updated, facts, details)],
  },
  send_back: {
    from: ['in_progress'],
    stepKinds: ['transfer', 'appraise', 'verify', 'consult', 'approve'],
    actor: { step: true },
    to: 'in_progress',
    move: -1,
    needsReason: true,
    events: (updated, facts, details) => [handedOver(updated, facts, details)],
  },
  request_supplement: {
    from: ['in_progress'],
    stepKinds: ['transfer', 'appraise', 'verify', 'consult'],
    actor: { step: true },
    to: 'awaiting_supplement',
    move: 0,
    needsReason: true,
    effects: ({ row, input, now }) => {
      const count = row.supplement_requests + 1;
      // One request is the rule; a second is allowed but the dossier then counts as late (QĐ 766).
      return {
        changes: { paused_at: now, supplement_requests: count, late_for_reporting: row.late_for_reporting || count > 1 },
        details: { requestCount: count, missing: input.missing ?? [] },
      };
    },
    events: (updated, facts) => [
      event(dossierSupplementRequestedV1, {
        ...base(updated, facts),
        reason: reason(facts),
        requestCount: updated.supplement_requests,
        lateForReporting: updated.late_for_reporting,
        missing: facts.input.missing ?? [],
      }),
    ],
  },
  // Supplements come in where dossiers come in: at the receiving counter, or online from the citizen who filed online.
  // Leaving awaiting_supplement is what makes a request answered once.
  receive_supplement: {
    from: ['awaiting_supplement'],
    actor: { clerkOrOwner: true },
    to: 'in_progress',
    move: 0,
    needsReason: false,
    effects: ({ row, input, now, calendar, parts }) => {
      // Only a dossier awaiting a supplement gets here, and that state always carries its pause start.
      const pausedAt = new Date(row.paused_at ?? now);
      const pause = [{ start: pausedAt, end: now }];
      const pausedMs = workingTimeBetween(pausedAt, now, calendar);
      const dueAt = extendForPauses(new Date(row.due_at), pause, calendar, countingStartsAt(row.received_at, row.processing_time, calendar));
      const stepDue = row.step_due_at ? extendForPauses(new Date(row.step_due_at), pause, calendar) : null;
      return {
        changes: { paused_at: null, paused_working_ms: Number(row.paused_working_ms) + pausedMs, due_at: dueAt, step_due_at: stepDue },
        details: {
          pausedWorkingMilliseconds: pausedMs,
          dueAt: dueAt.toISOString(),
          stepDueAt: stepDue?.toISOString() ?? null,
          ...(input.supplied ? { supplied: input.supplied } : {}),
        },
        // The agencies waited for the citizen as well: their due instants move by the same office time.
        partDueAt: parts
          .filter((part) => part.due_at && ['assigned', 'in_progress'].includes(part.state))
          .map((part) => ({ unitCode: part.unit_code, dueAt: extendForPauses(new Date(part.due_at as Date), pause, calendar) })),
      };
    },
    events: (updated, facts, details) => [
      event(dossierSupplementReceivedV1, { ...base(updated, facts), pausedWorkingMilliseconds: Number(details.pausedWorkingMilliseconds ?? 0) }),
    ],
  },
  approve: {
    from: ['in_progress'],
    stepKinds: ['approve'],
    actor: { step: true },
    to: 'approved',
    move: 1,
    needsReason: false,
    events: (updated, facts, details) => [event(dossierApprovedV1, base(updated, facts)), handedOver(updated, facts, details)],
  },
  refuse: {
    from: ['in_progress'],
    stepKinds: ['approve'],
    actor: { step: true },
    to: 'refused',
    move: 0,
    needsReason: true,
    events: (updated, facts) => [event(dossierRefusedV1, { ...finished(updated, facts), reason: reason(facts) })],
  },
  issue_result: {
    from: ['approved'],
    stepKinds: ['issue', 'return'],
    actor: { step: true },
    to: 'result_ready',
    move: 1,
    needsReason: false,
    reads: 'result-signature',
    guard: (facts) => {
      notPastDue(facts);
      signedWhenElectronic(facts);
    },
    effects: (facts) => {
      const electronicResult = electronicResultOf(facts);
      // The history names the signed result issued: who signed it, which file, which bytes.
      const signed = electronicResult && facts.resultSignature ? { resultSignature: facts.resultSignature } : {};
      return { changes: { electronic_result: electronicResult }, details: { electronicResult, ...signed } };
    },
    events: (updated, facts) => [
      event(dossierResultIssuedV1, { ...base(updated, facts), electronicResult: updated.electronic_result ?? false }),
      ...(updated.return_method === 'post' ? [event(dossierPostalReturnRequestedV1, postalRequest(updated, base(updated, facts), updated.return_address))] : []),
    ],
  },
  return_result: {
    from: ['result_ready'],
    stepKinds: ['return'],
    actor: { step: true },
    to: 'returned',
    move: 0,
    needsReason: false,
    guard: notPastDue,
    effects: ({ input }) => ({ changes: input.returnMethod ? { return_method: input.returnMethod } : {} }),
    events: (updated, facts) => [event(dossierReturnedV1, { ...finished(updated, facts), returnMethod: updated.return_method })],
  },
  withdraw: {
    from: OPEN,
    actor: { clerkOrOwner: true },
    to: 'withdrawn',
    move: 0,
    needsReason: true,
    events: (updated, facts) => [event(dossierWithdrawnV1, { ...finished(updated, facts), reason: reason(facts) })],
  },
  stop: {
    from: OPEN,
    actor: { role: 'leader', unit: 'competent' },
    to: 'stopped',
    move: 0,
    needsReason: true,
    effects: ({ row, input, principal, actingAs, now }) => {
      const notice: StopNotice = {
        form: 'mau-05',
        title: FORM_TITLES[formRegimeOf(row.received_at)].stop ?? 'Thông báo dừng giải quyết hồ sơ',
        code: row.code,
        applicant: row.applicant,
        procedure: procedureOf(row),
        reason: input.reason ?? '',
        signedBy: principal.username,
        signerUnitCode: actingAs.unit,
        signedAt: now.toISOString(),
        signedAtDisplay: displayInstant(now),
      };
      return { changes: { stop_notice: notice }, details: { stopNotice: notice } };
    },
    events: (updated, facts) => [event(dossierStoppedV1, { ...finished(updated, facts), reason: reason(facts) })],
  },
  // Signed by the competent unit's leader while the dossier is still open; the state stays.
  apologise: {
    from: NOT_FINISHED,
    actor: { role: 'leader', unit: 'competent' },
    to: 'same',
    move: 0,
    needsReason: true,
    effects: (facts) => {
      const { row, input, principal, actingAs, now } = facts;
      const dueAt = newAppointment(facts);
      const apology: ApologyForm = {
        form: 'mau-04',
        title: FORM_TITLES[formRegimeOf(row.received_at)].apology,
        code: row.code,
        applicant: row.applicant,
        procedure: procedureOf(row),
        originalDueAt: new Date(row.due_at).toISOString(),
        originalDueAtDisplay: displayInstant(row.due_at),
        reason: input.reason ?? '',
        newDueAt: dueAt.toISOString(),
        newDueAtDisplay: displayInstant(dueAt),
        signedBy: principal.username,
        signerUnitCode: actingAs.unit,
        signedAt: now.toISOString(),
      };
      const { changes, details } = reappointed(row, dueAt);
      // Missing the appointment made on the receipt is late, whatever the apology says.
      return { changes: { ...changes, apologies: [...(row.apologies ?? []), apology], late_for_reporting: true }, details: { ...details, apology } };
    },
    events: (updated, facts, details) => [
      event(dossierApologisedV1, {
        ...base(updated, facts),
        originalDueAt: String(details.previousDueAt),
        newDueAt: new Date(updated.due_at).toISOString(),
        reason: reason(facts),
        signer: facts.principal.username,
      }),
    ],
  },
  // The post reports the collection; the clerk gave the result to its worker at the counter.
  hand_to_post: {
    from: ['result_ready'],
    stepKinds: ['return'],
    actor: { post: true },
    to: 'returned',
    move: 0,
    needsReason: false,
    effects: () => ({ changes: { return_method: 'post' } }),
    events: (updated, facts) => [event(dossierReturnedV1, { ...finished(updated, facts), returnMethod: updated.return_method })],
  },
  extend: {
    from: NOT_FINISHED,
    actor: { role: 'leader', unit: 'competent' },
    to: 'same',
    move: 0,
    needsReason: true,
    counts: 'extensions',
    guard: withinExtensionCeiling,
    effects: (facts) => {
      const { changes, details } = reappointed(facts.row, newAppointment(facts));
      return { changes, details: { ...details, extendBy: facts.input.extendBy } };
    },
    events: (updated, facts, details) => [
      event(dossierExtendedV1, {
        ...base(updated, facts),
        previousDueAt: String(details.previousDueAt),
        // newAppointment() refused an extension without its length.
        extendBy: facts.input.extendBy as { value: number; unit: string },
        reason: reason(facts),
        approver: facts.principal.username,
      }),
    ],
  },
};

/**
 * Works out what an action does to a dossier whose state and actor have been
 * checked (`move` as authorise() settled it): the remaining checks, the step
 * hand-over with its control-slip verdict and the liên thông parts handed to
 * their agencies, the action's own effects, and the end of the dossier when
 * the state is final. Pure: the caller saves the plan.
 */
export function planTransition(facts: TransitionFacts, move: number): TransitionPlan {
  const { row, input, now, calendar, parts } = facts;
  const transition = TRANSITIONS[input.action];
  if (transition.needsReason && !input.reason) {
    throw new AppError('VALIDATION_FAILED', 'Nhập lý do cho thao tác này.', { issues: [{ path: 'reason', message: 'Bắt buộc' }] });
  }
  transition.guard?.(facts);
  const to: DossierState = transition.to === 'same' ? row.state : transition.to;
  const fromStep = row.workflow[row.step_index];
  const waitedFor = move === 1 && fromStep ? parts.filter((part) => part.step_key === fromStep.key) : [];
  const unfinished = waitedFor.filter((part) => part.state !== 'done');
  if (unfinished.length) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Chưa thể chuyển bước "${fromStep?.name}": còn chờ kết quả liên thông của ${unfinished.map((part) => part.unit_code).join(', ')}.`,
      { state: row.state, step: fromStep?.key ?? null, action: input.action, waitingFor: unfinished.map((part) => part.unit_code) },
    );
  }
  const changes: DossierChanges = { state: to };
  const details: Record<string, unknown> = {};
  const partChanges: TransitionPlan['parts'] = [];
  let assigned: (SubHandlingRow & { due: Date })[] = [];
  if (move !== 0) {
    // authorise() has checked that the step moved to exists.
    const toStep = row.workflow[row.step_index + move] as StepView;
    const ownVerdict = verdictOf(now, row.step_due_at ? new Date(row.step_due_at) : null);
    // A step that waited for other agencies is as late as the slowest of them.
    const verdict = worstVerdict([ownVerdict, ...waitedFor.map((part) => part.verdict)]);
    const nextDue = stepDueAt(now, Number(row.statutory_working_ms), toStep.sharePercent, calendar);
    Object.assign(changes, { step_index: row.step_index + move, step_started_at: now, step_due_at: nextDue, step_due_soon_marked_at: null, step_overdue_marked_at: null });
    Object.assign(details, {
      fromStep: fromStep?.key ?? null,
      toStep: toStep.key,
      fromStepName: fromStep?.name ?? null,
      toStepName: toStep.name,
      stepDueAt: row.step_due_at ? new Date(row.step_due_at).toISOString() : null,
      verdict,
      nextStepDueAt: nextDue.toISOString(),
      ...(waitedFor.length ? { ownVerdict } : {}),
    });
    // The agencies' parts run side by side: each gets its share of the step's time, counted from now.
    assigned = parts
      .filter((part) => part.step_key === toStep.key && part.state === 'pending')
      .map((part) => ({ ...part, due: stepDueAt(now, Number(row.statutory_working_ms), (toStep.sharePercent * Number(part.share_percent)) / 100, calendar) }));
    partChanges.push(...assigned.map((part) => ({ unitCode: part.unit_code, dueAt: part.due, assignedAt: now })));
  }
  const own = transition.effects?.(facts) ?? {};
  Object.assign(changes, own.changes);
  Object.assign(details, own.details);
  partChanges.push(...(own.partDueAt ?? []).map((part) => ({ ...part, assignedAt: null })));
  if (FINAL_STATES.includes(to)) {
    let dueAt = new Date(row.due_at);
    // A dossier still waiting for a supplement when it ends: the wait did not count against the agency.
    if (row.paused_at) {
      dueAt = extendForPauses(dueAt, [{ start: new Date(row.paused_at), end: now }], calendar, countingStartsAt(row.received_at, row.processing_time, calendar));
      Object.assign(changes, { paused_at: null, due_at: dueAt });
    }
    const onTime = !row.late_for_reporting && now.getTime() <= dueAt.getTime();
    Object.assign(changes, { finished_at: now, on_time: onTime });
    details.onTime = onTime;
  }
  const stepAfter = row.workflow[changes.step_index ?? row.step_index]?.key ?? null;
  const history: HistoryRecord[] = [
    {
      action: input.action,
      reason: input.reason ?? null,
      before: { state: row.state, step: fromStep?.key ?? null },
      after: { state: to, step: stepAfter },
      details,
    },
    ...assigned.map((part) => ({
      action: 'sub_handling_assign',
      reason: null,
      before: { state: to, step: part.step_key },
      after: { state: to, step: part.step_key },
      details: {
        fromStep: part.step_key,
        toStep: `lien-thong:${part.unit_code}`,
        toStepName: `Liên thông: ${part.unit_code}`,
        stepDueAt: null,
        verdict: null,
        nextStepDueAt: part.due.toISOString(),
        direction: part.direction,
        sharePercent: Number(part.share_percent),
      },
    })),
  ];
  return {
    to,
    changes,
    parts: partChanges,
    history,
    events: (updated) => [
      ...transition.events(updated, facts, details),
      ...assigned.map((part) =>
        event(dossierSubHandlingStartedV1, {
          ...base(updated, facts),
          step: part.step_key,
          agencyUnitCode: part.unit_code,
          direction: part.direction,
          subHandlingDueAt: part.due.toISOString(),
        }),
      ),
    ],
  };
}
