import { AppError, DOSSIER_STATE_LABELS, type DossierAction, type DossierState, type StepView } from '@mc/contracts';
import { isAllowed, POLICY, type Action, type Principal, type Role, type RoleGrant } from '@mc/auth/rules';
import type { DossierRow } from '../dossiers/dossier-row';
import { FINAL_STATES, TRANSITIONS } from './transitions';

export type StepKind = 'receive' | 'transfer' | 'appraise' | 'verify' | 'consult' | 'approve' | 'issue' | 'return';

/** Who acts: the role of the dossier's current step, a fixed role at the receiving or competent unit, or the post (BCCI). */
type Actor = { step: true } | { role: Role; unit: 'receiving' | 'competent' } | { clerkOrOwner: true } | { post: true };

/** Who may take an action from where; the entries of TRANSITIONS add what the action checks, changes and announces. */
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
  } else if ('post' in actor) {
    grant = principal.roles.find((candidate) => isAllowed({ ...principal, roles: [candidate] }, 'postal.update', {}));
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
