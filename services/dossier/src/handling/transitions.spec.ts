import { AppError, DOSSIER_ACTIONS, type DossierActionRequest, type StepView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { createCalendar, DEFAULT_CALENDAR_CONFIG } from '@mc/working-calendar';
import type { DossierRow } from '../dossiers/dossier-row';
import type { SubHandlingRow } from '../inter-agency/sub-handlings';
import { planTransition, TRANSITIONS, type TransitionFacts } from './transitions';
import { allowedActions } from './allowed-actions';
import { authorise } from './workflow';

/*
 * The state machine without Postgres: each transition's guard and effects on a
 * dossier built in memory. Office hours 07:30–11:30 and 13:30–17:00, Monday to
 * Friday (7.5 hours a day); the procedure takes 3 working days = 22.5 office hours.
 */
const calendar = createCalendar(DEFAULT_CALENDAR_CONFIG);
const HOUR = 3_600_000;
const at = (local: string) => new Date(`${local}+07:00`);

const WORKFLOW: StepView[] = [
  { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
  { key: 'chuyen-phong', kind: 'transfer', name: 'Văn phòng chuyển hồ sơ', role: 'clerical', sharePercent: 10 },
  { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 50 },
  { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
  { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
];

const staff = (username: string, role: string, unit = '05983'): Principal => ({
  subject: `sub-${username}`,
  username,
  kind: 'staff',
  roles: [{ role: role as never, unit, path: `/20/${unit}/` }],
  clientId: 'mot-cua-web',
});
const clerk = staff('tiepnhan.lvt', 'clerk');
const clerical = staff('vanphong.lvt', 'clerical');
const specialist = staff('chuyenvien.lvt', 'specialist');
const leader = staff('lanhdao.lvt', 'leader');

/** Received Monday 05/01/2026 09:00, due Thursday 08/01 09:00, at reception (due 11:15 the same day). */
const dossier = (overrides: Partial<DossierRow> = {}): DossierRow => ({
  id: '0b9a4c9e-55a5-4a4e-9a3c-1f1f1f1f1f1f',
  code: '05983-260105-0001',
  tracking_token: 'token',
  procedure_code: '1.000689',
  procedure_version: 2,
  procedure_name: 'Đăng ký kết hôn',
  processing_time: { value: 3, unit: 'working_days', sameDayCutoff: false },
  workflow: WORKFLOW,
  channel: 1,
  receiving_unit_code: '05983',
  receiving_unit_path: '/20/05983/',
  competent_unit_code: '05983',
  competent_unit_path: '/20/05983/',
  owner_subject: null,
  applicant: { kind: 'individual', fullName: 'Hoàng Văn Nam', idNumber: '020095001234', phone: '0912345678' },
  components: [],
  return_method: 'counter',
  return_address: null,
  state: 'in_progress',
  step_index: 0,
  step_started_at: at('2026-01-05T09:00:00'),
  step_due_at: at('2026-01-05T11:15:00'),
  received_at: at('2026-01-05T09:00:00'),
  due_at: at('2026-01-08T09:00:00'),
  paused_at: null,
  statutory_working_ms: String(22.5 * HOUR),
  paused_working_ms: '0',
  supplement_requests: 0,
  late_for_reporting: false,
  finished_at: null,
  on_time: null,
  due_soon_marked_at: null,
  overdue_marked_at: null,
  step_due_soon_marked_at: null,
  step_overdue_marked_at: null,
  apologies: [],
  stop_notice: null,
  electronic_result: null,
  applicant_id_number: '020095001234',
  representative_subject: null,
  representative_username: null,
  representative_id_number: null,
  ...overrides,
});

const part = (overrides: Partial<SubHandlingRow>): SubHandlingRow => ({
  dossier_id: dossier().id,
  unit_code: '20.THUE',
  unit_path: '/20/20.THUE/',
  direction: 'vertical',
  step_key: 'tham-dinh',
  share_percent: '100',
  position: 0,
  state: 'pending',
  assigned_at: null,
  due_at: null,
  started_at: null,
  finished_at: null,
  verdict: null,
  reason: null,
  ...overrides,
});

/** Authorises as the service does, then plans; returns the plan and the dossier as saved. */
function act(row: DossierRow, input: Omit<DossierActionRequest, 'dossierId'>, who: Principal, now: Date, extra: Partial<TransitionFacts> = {}) {
  const { move, actingAs } = authorise(row, input.action, who);
  const facts: TransitionFacts = { row, input: { dossierId: row.id, ...input }, principal: who, actingAs, now, calendar, parts: [], extensionsMade: 0, ...extra };
  const plan = planTransition(facts, move);
  const updated = { ...row, ...plan.changes } as DossierRow;
  return { plan, updated, events: plan.events(updated) };
}

function failure(run: () => unknown): { code: string; details: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

const eventTypes = (events: { definition: { type: string } }[]) => events.map((event) => event.definition.type);
const atReception = dossier();
const atAppraisal = dossier({ step_index: 2, step_started_at: at('2026-01-05T14:00:00'), step_due_at: at('2026-01-06T15:15:00') });
const atApproval = dossier({ step_index: 3, step_due_at: at('2026-01-07T11:00:00') });
const approved = dossier({ state: 'approved', step_index: 4, step_due_at: at('2026-01-08T09:00:00') });

describe('the transition table', () => {
  it('has one entry for every action the contract names', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...DOSSIER_ACTIONS].sort());
  });

  it('refuses an action from a state that does not allow it, and an actor without the step role, before any effect', () => {
    expect(failure(() => act(atReception, { action: 'approve' }, leader, at('2026-01-05T10:00:00')))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { state: 'in_progress', step: 'tiep-nhan', action: 'approve' },
    });
    expect(failure(() => act(atReception, { action: 'hand_over' }, specialist, at('2026-01-05T10:00:00')))).toMatchObject({ code: 'FORBIDDEN' });
    expect(failure(() => act(dossier({ state: 'returned' }), { action: 'withdraw', reason: 'Rút' }, clerk, at('2026-01-05T10:00:00')))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });
});

describe('hand_over', () => {
  it("moves to the next step with its share of the office time, the control-slip verdict and the step's marks cleared", () => {
    const { plan, events } = act(atReception, { action: 'hand_over' }, clerk, at('2026-01-05T10:00:00'));
    // 10 % of 22.5 h = 2 h 15 min of office time from 10:00: 11:30, then 45 min after 13:30.
    expect(plan.changes).toEqual({
      state: 'in_progress',
      step_index: 1,
      step_started_at: at('2026-01-05T10:00:00'),
      step_due_at: at('2026-01-05T14:15:00'),
      step_due_soon_marked_at: null,
      step_overdue_marked_at: null,
    });
    expect(plan.history).toEqual([
      expect.objectContaining({
        action: 'hand_over',
        before: { state: 'in_progress', step: 'tiep-nhan' },
        after: { state: 'in_progress', step: 'chuyen-phong' },
        details: expect.objectContaining({ fromStep: 'tiep-nhan', toStep: 'chuyen-phong', verdict: 'on_time', nextStepDueAt: '2026-01-05T07:15:00.000Z' }),
      }),
    ]);
    expect(eventTypes(events)).toEqual(['dossier.handed-over']);
    expect(events[0]?.data).toMatchObject({ fromStep: 'tiep-nhan', toStep: 'chuyen-phong', verdict: 'on_time', step: 'chuyen-phong', actor: 'tiepnhan.lvt' });
    // The staff notice of the hand-over names the step as the staff know it.
    expect(events[0]?.data).toMatchObject({ toStepName: 'Văn phòng chuyển hồ sơ' });
  });

  it('is late after the step due instant and early on an earlier day', () => {
    expect(act(atReception, { action: 'hand_over' }, clerk, at('2026-01-05T11:16:00')).plan.history[0]?.details.verdict).toBe('late');
    const dueTomorrow = dossier({ step_due_at: at('2026-01-06T09:00:00') });
    expect(act(dueTomorrow, { action: 'hand_over' }, clerk, at('2026-01-05T10:00:00')).plan.history[0]?.details.verdict).toBe('early');
  });

  it('hands the liên thông parts of the step entered to their agencies, each with its share of the step', () => {
    const atTransfer = dossier({ step_index: 1, step_due_at: at('2026-01-05T14:15:00') });
    const parts = [part({ unit_code: '20.THUE', share_percent: '50' }), part({ unit_code: '20.CA', unit_path: '/20/20.CA/', share_percent: '50', position: 1 })];
    const { plan, events } = act(atTransfer, { action: 'hand_over' }, clerical, at('2026-01-05T14:00:00'), { parts });
    // 50 % of the step's 50 % of 22.5 h = 5 h 37.5 min from 14:00: 17:00 (3 h), then 2 h 37.5 min from 07:30 → 10:07:30.
    expect(plan.parts).toEqual([
      { unitCode: '20.THUE', dueAt: at('2026-01-06T10:07:30'), assignedAt: at('2026-01-05T14:00:00') },
      { unitCode: '20.CA', dueAt: at('2026-01-06T10:07:30'), assignedAt: at('2026-01-05T14:00:00') },
    ]);
    expect(plan.history.map((entry) => [entry.action, entry.details.toStep])).toEqual([
      ['hand_over', 'tham-dinh'],
      ['sub_handling_assign', 'lien-thong:20.THUE'],
      ['sub_handling_assign', 'lien-thong:20.CA'],
    ]);
    expect(eventTypes(events)).toEqual(['dossier.handed-over', 'dossier.sub-handling-started', 'dossier.sub-handling-started']);
    expect(events[2]?.data).toMatchObject({ agencyUnitCode: '20.CA', step: 'tham-dinh', subHandlingDueAt: '2026-01-06T03:07:30.000Z' });
  });

  it('waits for every agency of the step it leaves, and then follows the slowest', () => {
    const waiting = [part({ state: 'done', verdict: 'late' }), part({ unit_code: '20.CA', state: 'assigned', position: 1 })];
    expect(failure(() => act(atAppraisal, { action: 'hand_over' }, specialist, at('2026-01-06T09:00:00'), { parts: waiting }))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { waitingFor: ['20.CA'], step: 'tham-dinh' },
    });
    const done = [part({ state: 'done', verdict: 'late' })];
    const { plan } = act(atAppraisal, { action: 'hand_over' }, specialist, at('2026-01-06T09:00:00'), { parts: done });
    expect(plan.history[0]?.details).toMatchObject({ verdict: 'late', ownVerdict: 'on_time' });
  });
});

describe('send_back', () => {
  it('needs a reason and moves one step back', () => {
    expect(failure(() => act(atAppraisal, { action: 'send_back' }, specialist, at('2026-01-06T09:00:00')))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'reason' }] },
    });
    const { plan, events } = act(atAppraisal, { action: 'send_back', reason: 'Thiếu chữ ký' }, specialist, at('2026-01-06T09:00:00'));
    expect(plan.changes.step_index).toBe(1);
    expect(plan.history[0]).toMatchObject({ reason: 'Thiếu chữ ký', after: { step: 'chuyen-phong' } });
    expect(eventTypes(events)).toEqual(['dossier.handed-over']);
  });
});

describe('supplements', () => {
  it('pauses the clock at a request; a second request marks the dossier late', () => {
    const now = at('2026-01-06T09:00:00');
    const first = act(atAppraisal, { action: 'request_supplement', reason: 'Thiếu giấy', missing: ['Giấy xác nhận'] }, specialist, now);
    expect(first.plan.changes).toEqual({ state: 'awaiting_supplement', paused_at: now, supplement_requests: 1, late_for_reporting: false });
    expect(first.plan.history[0]?.details).toEqual({ requestCount: 1, missing: ['Giấy xác nhận'] });
    expect(first.events[0]?.data).toMatchObject({ requestCount: 1, lateForReporting: false, reason: 'Thiếu giấy' });
    const second = act({ ...atAppraisal, supplement_requests: 1 }, { action: 'request_supplement', reason: 'Lần hai' }, specialist, now);
    expect(second.plan.changes).toMatchObject({ supplement_requests: 2, late_for_reporting: true });
  });

  it("moves the dossier's, the step's and the running agencies' due instants by the office time paused", () => {
    const paused = dossier({ ...atAppraisal, state: 'awaiting_supplement', paused_at: at('2026-01-06T09:00:00') });
    const parts = [part({ state: 'assigned', due_at: at('2026-01-06T16:00:00') }), part({ unit_code: '20.CA', state: 'done', due_at: at('2026-01-06T10:00:00') })];
    // Paused from Tuesday 09:00 to Wednesday 09:00: one working day, 7.5 office hours.
    const { plan, events } = act(paused, { action: 'receive_supplement' }, clerk, at('2026-01-07T09:00:00'), { parts });
    expect(plan.changes).toEqual({
      state: 'in_progress',
      paused_at: null,
      paused_working_ms: 7.5 * HOUR,
      due_at: at('2026-01-09T09:00:00'),
      step_due_at: at('2026-01-07T15:15:00'),
    });
    expect(plan.parts).toEqual([{ unitCode: '20.THUE', dueAt: at('2026-01-07T16:00:00'), assignedAt: null }]);
    expect(events[0]?.data).toMatchObject({ pausedWorkingMilliseconds: 7.5 * HOUR });
  });

  it('moves the due instant only by the part of the wait that fell after counting began', () => {
    // Received Mon 05/01 09:00 with 3 working days: counting begins Tue 06/01 07:30. A supplement asked and brought
    // on the day of receipt cost the agency nothing; the same wait the next morning moves the due instant by 1.5 h.
    const sameDay = dossier({ ...atAppraisal, state: 'awaiting_supplement', paused_at: at('2026-01-05T09:30:00') });
    expect(act(sameDay, { action: 'receive_supplement' }, clerk, at('2026-01-05T11:00:00')).plan.changes).toMatchObject({ due_at: sameDay.due_at });
    const nextDay = dossier({ ...atAppraisal, state: 'awaiting_supplement', paused_at: at('2026-01-06T09:30:00') });
    expect(act(nextDay, { action: 'receive_supplement' }, clerk, at('2026-01-06T11:00:00')).plan.changes).toMatchObject({
      due_at: new Date(new Date(nextDay.due_at).getTime() + 1.5 * HOUR),
    });
  });

  it('takes a supplement only at the receiving counter, or online from the citizen who filed the dossier', () => {
    const paused = dossier({ ...atAppraisal, state: 'awaiting_supplement', paused_at: at('2026-01-06T09:00:00') });
    expect(failure(() => act(paused, { action: 'receive_supplement' }, specialist, at('2026-01-07T09:00:00')))).toMatchObject({ code: 'FORBIDDEN' });

    const citizen = (subject: string): Principal => ({ subject, username: subject, kind: 'citizen', roles: [{ role: 'citizen', unit: '', path: '' }], clientId: 'mot-cua-web' });
    const online = dossier({ ...atAppraisal, channel: 2, owner_subject: 'cd-1', state: 'awaiting_supplement', paused_at: at('2026-01-06T09:00:00') });
    const supplied = [{ name: 'Giấy chứng sinh', copyType: 'original' as const, quantity: 1, digitised: true, reusedFromStore: false }];
    expect(failure(() => act(online, { action: 'receive_supplement', supplied }, citizen('cd-2'), at('2026-01-07T09:00:00')))).toMatchObject({ code: 'FORBIDDEN' });
    const answered = act(online, { action: 'receive_supplement', supplied }, citizen('cd-1'), at('2026-01-07T09:00:00'));
    expect(answered.plan.changes).toMatchObject({ state: 'in_progress', paused_at: null });
    expect(answered.plan.history[0]?.details).toMatchObject({ supplied });
    // Answered once: the dossier no longer awaits a supplement.
    const again = { ...online, state: 'in_progress' as const, paused_at: null };
    expect(failure(() => act(again, { action: 'receive_supplement', supplied }, citizen('cd-1'), at('2026-01-07T10:00:00')))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('the decision', () => {
  it('approve hands the dossier to the return step and announces both', () => {
    const { plan, events } = act(atApproval, { action: 'approve' }, leader, at('2026-01-07T10:00:00'));
    expect(plan.changes).toMatchObject({ state: 'approved', step_index: 4 });
    expect(eventTypes(events)).toEqual(['dossier.approved', 'dossier.handed-over']);
  });

  it('refuse ends the dossier, on time when before the due instant', () => {
    const { plan, events } = act(atApproval, { action: 'refuse', reason: 'Không đủ điều kiện' }, leader, at('2026-01-07T10:00:00'));
    expect(plan.changes).toEqual({ state: 'refused', finished_at: at('2026-01-07T10:00:00'), on_time: true });
    expect(events[0]?.data).toMatchObject({ onTime: true, lateForReporting: false, reason: 'Không đủ điều kiện', state: 'refused' });
  });
});

describe('the result', () => {
  it('is not issued past the due instant until the appointment moves', () => {
    expect(failure(() => act(approved, { action: 'issue_result' }, clerk, at('2026-01-08T09:01:00')))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { dueAt: '2026-01-08T02:00:00.000Z' },
    });
    const ready = dossier({ ...approved, state: 'result_ready' });
    expect(failure(() => act(ready, { action: 'return_result' }, clerk, at('2026-01-08T09:01:00')))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  const resultSignature = {
    signatureId: '7d1c2a6e-0000-4000-8000-000000000001',
    signer: 'lanhdao.lvt',
    documentId: '7d1c2a6e-0000-4000-8000-000000000002',
    documentSha256: 'ab'.repeat(32),
    certificateSerial: '01',
    signedAt: '2026-01-07T08:00:00.000Z',
  };

  it('is issued electronically by default when returned electronically, and asks the post for a postal return', () => {
    const electronic = act({ ...approved, return_method: 'electronic' }, { action: 'issue_result' }, clerk, at('2026-01-07T16:00:00'), { resultSignature });
    // Without an issuing step the result is issued at the return step, which it keeps.
    expect(electronic.plan.changes).toEqual({ state: 'result_ready', electronic_result: true });
    expect(electronic.plan.history[0]?.details).toMatchObject({ electronicResult: true, resultSignature });
    expect(eventTypes(electronic.events)).toEqual(['dossier.result-issued']);
    const post = act({ ...approved, return_method: 'post', return_address: 'Số 1 Lê Lợi' }, { action: 'issue_result', electronicResult: true }, clerk, at('2026-01-07T16:00:00'), { resultSignature });
    expect(eventTypes(post.events)).toEqual(['dossier.result-issued', 'dossier.postal-return-requested']);
    expect(post.events[1]?.data).toMatchObject({ address: 'Số 1 Lê Lợi', applicant: { name: 'Hoàng Văn Nam', phone: '0912345678' } });
  });

  it('is not issued as an electronic document until the leader signature of it is recorded; a paper result needs none', () => {
    for (const [row, input] of [
      [{ ...approved, return_method: 'electronic' as const }, { action: 'issue_result' as const }],
      [approved, { action: 'issue_result' as const, electronicResult: true }],
    ] as const) {
      expect(failure(() => act(row, input, clerk, at('2026-01-07T16:00:00'), { resultSignature: null }))).toMatchObject({
        code: 'SIGNATURE_REQUIRED',
        message: expect.stringContaining('chưa có chữ ký số hợp lệ của lãnh đạo'),
      });
    }
    expect(act({ ...approved, return_method: 'electronic' }, { action: 'issue_result', electronicResult: false }, clerk, at('2026-01-07T16:00:00')).plan.changes).toEqual({
      state: 'result_ready',
      electronic_result: false,
    });
  });

  it('is returned by the method the counter records, ending the dossier', () => {
    const ready = dossier({ ...approved, state: 'result_ready' });
    const { plan, events } = act(ready, { action: 'return_result', returnMethod: 'post' }, clerk, at('2026-01-07T16:00:00'));
    expect(plan.changes).toEqual({ state: 'returned', return_method: 'post', finished_at: at('2026-01-07T16:00:00'), on_time: true });
    expect(events[0]?.data).toMatchObject({ returnMethod: 'post', onTime: true });
  });
});

describe('returning by post (BCCI)', () => {
  const post: Principal = { subject: 'postal-service', username: 'buu-chinh-cong-ich', kind: 'client', roles: [{ role: 'postal_client', unit: '', path: '/' }], clientId: 'x' };
  const ready = dossier({ ...approved, state: 'result_ready', return_method: 'post', return_address: 'Số 1 Lê Lợi' });

  it('is returned by post when the postal worker collects the result, late or not as the due instant says', () => {
    const { plan, events } = act(ready, { action: 'hand_to_post' }, post, at('2026-01-08T10:00:00'));
    expect(plan.changes).toEqual({ state: 'returned', return_method: 'post', finished_at: at('2026-01-08T10:00:00'), on_time: false });
    expect(eventTypes(events)).toEqual(['dossier.returned']);
    expect(events[0]?.data).toMatchObject({ returnMethod: 'post', onTime: false });
  });

  it('is taken only by the post, and only once the result is ready', () => {
    expect(failure(() => act(ready, { action: 'hand_to_post' }, clerk, at('2026-01-07T16:00:00')))).toMatchObject({ code: 'FORBIDDEN' });
    expect(failure(() => act(approved, { action: 'hand_to_post' }, post, at('2026-01-07T16:00:00')))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('ending without a result', () => {
  it('withdraw while awaiting a supplement does not count the wait against the agency', () => {
    const paused = dossier({ ...atAppraisal, state: 'awaiting_supplement', paused_at: at('2026-01-07T09:00:00') });
    // Paused Wednesday 09:00, withdrawn Friday 09:00: the due instant moves two working days, so it is on time.
    const { plan } = act(paused, { action: 'withdraw', reason: 'Công dân rút' }, clerk, at('2026-01-09T09:00:00'));
    expect(plan.changes).toEqual({ state: 'withdrawn', paused_at: null, due_at: at('2026-01-12T09:00:00'), finished_at: at('2026-01-09T09:00:00'), on_time: true });
  });

  it('a citizen withdraws only their own online dossier', () => {
    const citizen: Principal = { subject: 'citizen-1', username: 'cong.dan', kind: 'citizen', roles: [{ role: 'citizen', unit: '', path: '' }], clientId: 'mot-cua-web' };
    expect(act(dossier({ owner_subject: 'citizen-1' }), { action: 'withdraw', reason: 'Rút' }, citizen, at('2026-01-05T10:00:00')).plan.to).toBe('withdrawn');
    expect(failure(() => act(dossier(), { action: 'withdraw', reason: 'Rút' }, citizen, at('2026-01-05T10:00:00')))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it("stop keeps the leader's notice", () => {
    const { plan, events } = act(atAppraisal, { action: 'stop', reason: 'Có tranh chấp' }, leader, at('2026-01-06T10:00:00'));
    expect(plan.changes.stop_notice).toMatchObject({ form: 'mau-05', reason: 'Có tranh chấp', signedBy: 'lanhdao.lvt', signerUnitCode: '05983', code: '05983-260105-0001' });
    expect(plan.changes.state).toBe('stopped');
    expect(eventTypes(events)).toEqual(['dossier.stopped']);
  });
});

describe('a new appointment', () => {
  it('apologise needs a later appointment, keeps Mẫu 04 and counts the dossier late', () => {
    expect(failure(() => act(atAppraisal, { action: 'apologise', reason: 'Chậm' }, leader, at('2026-01-06T10:00:00')))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'newDueAt' }] },
    });
    expect(
      failure(() => act(atAppraisal, { action: 'apologise', reason: 'Chậm', newDueAt: '2026-01-07T09:00:00+07:00' }, leader, at('2026-01-06T10:00:00'))),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    const { plan, events } = act(atAppraisal, { action: 'apologise', reason: 'Chậm', newDueAt: '2026-01-12T09:00:00+07:00' }, leader, at('2026-01-06T10:00:00'));
    expect(plan.changes).toMatchObject({ state: 'in_progress', due_at: at('2026-01-12T09:00:00'), due_soon_marked_at: null, overdue_marked_at: null, late_for_reporting: true });
    expect(plan.changes.apologies).toEqual([expect.objectContaining({ form: 'mau-04', originalDueAt: '2026-01-08T02:00:00.000Z', newDueAtDisplay: '09:00 12/01/2026' })]);
    expect(events[0]?.data).toMatchObject({ originalDueAt: '2026-01-08T02:00:00.000Z', newDueAt: '2026-01-12T02:00:00.000Z', signer: 'lanhdao.lvt' });
  });

  it('extend adds the time allowed, up to the procedure’s ceiling (one by default)', () => {
    const input = { action: 'extend' as const, reason: 'Cần xác minh', extendBy: { value: 2, unit: 'working_days' as const } };
    const { plan, events } = act(atAppraisal, input, leader, at('2026-01-06T10:00:00'));
    // Two working days after Thursday 08/01: Friday and Monday, to the end of Monday's office hours.
    expect(plan.changes).toEqual({ state: 'in_progress', due_at: at('2026-01-12T17:00:00'), due_soon_marked_at: null, overdue_marked_at: null });
    expect(events[0]?.data).toMatchObject({ previousDueAt: '2026-01-08T02:00:00.000Z', extendBy: { value: 2, unit: 'working_days' }, approver: 'lanhdao.lvt' });
    expect(TRANSITIONS.extend.counts).toBe('extensions');
    expect(failure(() => act(atAppraisal, input, leader, at('2026-01-06T10:00:00'), { extensionsMade: 1 }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { extensionsMade: 1, maxExtensions: 1 },
    });
    const none = dossier({ ...atAppraisal, processing_time: { ...atAppraisal.processing_time, maxExtensions: 0 } });
    expect(failure(() => act(none, input, leader, at('2026-01-06T10:00:00'))).message).toContain('không cho phép gia hạn');
  });

  it('is signed only by a leader of the competent unit', () => {
    expect(failure(() => act(atAppraisal, { action: 'extend', reason: 'x', extendBy: { value: 1, unit: 'working_days' } }, specialist, at('2026-01-06T10:00:00')))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('the actions a reader is offered', () => {
  const atReturn = dossier({ state: 'result_ready', step_index: 4 });
  const otherClerk = staff('tiepnhan.dk', 'clerk', '05977');

  it('are the step role\'s at each step, with what the leader and the receiving clerk may do at any open step', () => {
    expect(allowedActions(atReception, clerk)).toEqual(['hand_over', 'withdraw']);
    expect(allowedActions(atAppraisal, specialist)).toEqual(['hand_over', 'send_back', 'request_supplement']);
    expect(allowedActions(atAppraisal, clerk)).toEqual(['withdraw']);
    expect(allowedActions(atApproval, leader)).toEqual(['send_back', 'approve', 'refuse', 'stop', 'apologise', 'extend']);
    expect(allowedActions(approved, clerk)).toEqual(['issue_result']);
    expect(allowedActions(approved, leader)).toEqual(['apologise', 'extend']);
    expect(allowedActions(atReturn, clerk)).toEqual(['return_result']);
    expect(allowedActions(dossier({ state: 'awaiting_supplement', step_index: 2 }), clerk)).toEqual(['receive_supplement', 'withdraw']);
  });

  it('are none on a finished dossier, and none for staff of another commune', () => {
    expect(allowedActions(dossier({ state: 'returned', step_index: 4 }), clerk)).toEqual([]);
    expect(allowedActions(atReception, otherClerk)).toEqual([]);
    expect(allowedActions(atApproval, specialist)).toEqual([]);
  });
});
