import { AppError, DOSSIER_STATE_LABELS, type DossierAction, type DossierState, type StepView } from '@mc/contracts';
import { POLICY, type Action, type Principal, type Role, type RoleGrant } from '@mc/auth/rules';
import type { DossierRow } from './dossier-row';

type StepKind = 'receive' | 'transfer' | 'appraise' | 'verify' | 'consult' | 'approve' | 'issue' | 'return';

/** Who acts: the role of the dossier's current step, or a fixed role at the receiving or competent unit. */
type Actor = { step: true } | { role: Role; unit: 'receiving' | 'competent' } | { clerkOrOwner: true };

export interface TransitionRule {
  from: readonly DossierState[];
  /** The current step must be of one of these kinds; absent: any step. */
  stepKinds?: readonly StepKind[];
  actor: Actor;
  /** 'same': the action records something without changing the state. */
  to: DossierState | 'same';
  /** How the current step moves: +1 hand-over, -1 send back, 0 stays. */
  move: -1 | 0 | 1;
  needsReason: boolean;
}

const WORKING_KINDS: readonly StepKind[] = ['receive', 'transfer', 'appraise', 'verify', 'consult'];
const OPEN: readonly DossierState[] = ['in_progress', 'awaiting_supplement'];
const NOT_FINISHED: readonly DossierState[] = ['in_progress', 'awaiting_supplement', 'approved', 'result_ready'];

/**
 * The dossier's lifecycle as one table: an action not allowed from the current
 * state (or at the current step's kind) is an illegal transition; an actor
 * without the step's role in the step's unit is refused.
 */
export const TRANSITIONS: Record<DossierAction, TransitionRule> = {
  hand_over: { from: ['in_progress'], stepKinds: WORKING_KINDS, actor: { step: true }, to: 'in_progress', move: 1, needsReason: false },
  send_back: {
    from: ['in_progress'],
    stepKinds: ['transfer', 'appraise', 'verify', 'consult', 'approve'],
    actor: { step: true },
    to: 'in_progress',
    move: -1,
    needsReason: true,
  },
  request_supplement: {
    from: ['in_progress'],
    stepKinds: ['transfer', 'appraise', 'verify', 'consult'],
    actor: { step: true },
    to: 'awaiting_supplement',
    move: 0,
    needsReason: true,
  },
  // Supplements come in where dossiers come in: at the receiving counter.
  receive_supplement: {
    from: ['awaiting_supplement'],
    actor: { role: 'clerk', unit: 'receiving' },
    to: 'in_progress',
    move: 0,
    needsReason: false,
  },
  approve: { from: ['in_progress'], stepKinds: ['approve'], actor: { step: true }, to: 'approved', move: 1, needsReason: false },
  refuse: { from: ['in_progress'], stepKinds: ['approve'], actor: { step: true }, to: 'refused', move: 0, needsReason: true },
  issue_result: { from: ['approved'], stepKinds: ['issue', 'return'], actor: { step: true }, to: 'result_ready', move: 1, needsReason: false },
  return_result: { from: ['result_ready'], stepKinds: ['return'], actor: { step: true }, to: 'returned', move: 0, needsReason: false },
  withdraw: { from: OPEN, actor: { clerkOrOwner: true }, to: 'withdrawn', move: 0, needsReason: true },
  stop: { from: OPEN, actor: { role: 'leader', unit: 'competent' }, to: 'stopped', move: 0, needsReason: true },
  // Signed by the competent unit's leader while the dossier is still open; the state stays.
  apologise: { from: NOT_FINISHED, actor: { role: 'leader', unit: 'competent' }, to: 'same', move: 0, needsReason: true },
  extend: { from: NOT_FINISHED, actor: { role: 'leader', unit: 'competent' }, to: 'same', move: 0, needsReason: true },
};

export const FINAL_STATES: readonly DossierState[] = ['returned', 'refused', 'withdrawn', 'stopped'];

const ACTION_OF_ROLE: Partial<Record<Role, Action[]>> = {
  clerk: ['dossier.receive', 'dossier.issue'],
  clerical: ['dossier.issue'],
  specialist: ['dossier.handle'],
  leader: ['dossier.approve'],
};

/** Reception and return are the counter's; every other step is the competent unit's. */
export const unitPathOfStep = (row: DossierRow, step: StepView): string =>
  step.role === 'clerk' ? row.receiving_unit_path : row.competent_unit_path;

const grantFor = (principal: Principal, role: Role, unitPath: string): RoleGrant | undefined =>
  principal.roles.find(
    (grant) =>
      grant.role === role &&
      unitPath.startsWith(grant.path) &&
      (ACTION_OF_ROLE[role] ?? []).some((action) => POLICY[role]?.[action] !== undefined),
  );

export interface ActingAs {
  role: string;
  unit: string;
}

/** Checks the state, then the actor; throws ILLEGAL_TRANSITION (409) or FORBIDDEN (403) without changing anything. */
export function authorise(
  row: DossierRow,
  action: DossierAction,
  principal: Principal,
): { rule: TransitionRule; move: number; actingAs: ActingAs } {
  const rule = TRANSITIONS[action];
  const step = row.workflow[row.step_index];
  const kindAllowed = !rule.stepKinds || (step !== undefined && rule.stepKinds.includes(step.kind as StepKind));
  // Without an issuing step, the result is issued at the return step and stays there.
  const move = action === 'issue_result' && step?.kind === 'return' ? 0 : rule.move;
  const landsOnStep = move === 0 || row.workflow[row.step_index + move] !== undefined;
  if (!rule.from.includes(row.state) || !kindAllowed || !landsOnStep) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "${DOSSIER_STATE_LABELS[row.state]}"${
        step && !FINAL_STATES.includes(row.state) ? `, bước "${step.name}"` : ''
      }.`,
      { state: row.state, step: step?.key ?? null, action },
    );
  }
  const actor = rule.actor;
  let grant: RoleGrant | undefined;
  if ('step' in actor) {
    // A rule acting by step always names step kinds, so the step exists here.
    grant = step && grantFor(principal, step.role as Role, unitPathOfStep(row, step));
  } else if ('role' in actor) {
    grant = grantFor(principal, actor.role, actor.unit === 'receiving' ? row.receiving_unit_path : row.competent_unit_path);
  } else {
    if (principal.kind === 'citizen' && row.owner_subject === principal.subject) {
      return { rule, move, actingAs: { role: 'citizen', unit: '' } };
    }
    grant = grantFor(principal, 'clerk', row.receiving_unit_path);
  }
  if (!grant) {
    const who = 'step' in actor && step ? `vai trò "${step.role}" của bước "${step.name}"` : 'vai trò được giao cho thao tác này';
    throw new AppError('FORBIDDEN', `Bạn không có ${who} tại đơn vị giải quyết hồ sơ này.`, { state: row.state, step: step?.key ?? null });
  }
  return { rule, move, actingAs: { role: grant.role, unit: grant.unit } };
}
