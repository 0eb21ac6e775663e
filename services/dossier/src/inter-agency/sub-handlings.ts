import type { EntityManager } from 'typeorm';
import {
  AppError,
  SUB_HANDLING_STATE_LABELS,
  type ReceiveDossierRequest,
  type DossierView,
  type StepVerdict,
  type StepView,
  type SubHandlingState,
  type SubHandlingView,
} from '@mc/contracts';
import { toDossierView, type DossierRow } from '../dossiers/dossier-row';

export interface SubHandlingRow {
  dossier_id: string;
  unit_code: string;
  unit_path: string;
  direction: 'horizontal' | 'vertical';
  step_key: string;
  share_percent: string;
  position: number;
  state: SubHandlingState;
  assigned_at: Date | null;
  due_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  verdict: StepVerdict | null;
  reason: string | null;
}

export interface PlannedSubHandling {
  unitCode: string;
  unitPath: string;
  direction: 'horizontal' | 'vertical';
  stepKey: string;
  sharePercent: number;
}

/** Steps an agency's part can hang on: a working step the dossier is handed into (never reception, never the decision). */
const WAITING_KINDS = ['transfer', 'appraise', 'verify', 'consult'];
const VERDICT_RANK: Record<StepVerdict, number> = { early: 0, on_time: 1, late: 2 };

export const worstVerdict = (verdicts: (StepVerdict | null)[]): StepVerdict | null =>
  verdicts.reduce<StepVerdict | null>((worst, verdict) => (verdict && (!worst || VERDICT_RANK[verdict] > VERDICT_RANK[worst]) ? verdict : worst), null);

/** Another level when one unit contains the other in the tree (xã → tỉnh); otherwise an agency beside the competent one. */
const directionOf = (agencyPath: string, competentPath: string): 'horizontal' | 'vertical' =>
  agencyPath.startsWith(competentPath) || competentPath.startsWith(agencyPath) ? 'vertical' : 'horizontal';

/**
 * Checks the requested liên thông and settles the step that waits and each
 * agency's share; throws VALIDATION_FAILED with the reason a person can act on.
 */
export function planSubHandlings(
  request: NonNullable<ReceiveDossierRequest['interAgency']>,
  workflow: StepView[],
  competent: { code: string; path: string },
  paths: Record<string, string>,
): PlannedSubHandling[] {
  const invalid = (message: string, path: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
  const step = request.step
    ? workflow.find((candidate) => candidate.key === request.step)
    : (workflow.find((candidate) => candidate.kind === 'consult') ?? workflow.find((candidate) => candidate.kind === 'appraise'));
  if (!step || !WAITING_KINDS.includes(step.kind) || workflow.indexOf(step) === 0) {
    throw invalid('Quy trình của thủ tục không có bước nào chờ được kết quả liên thông (bước thẩm định hoặc lấy ý kiến).', 'interAgency.step');
  }
  const codes = request.agencies.map((agency) => agency.unitCode);
  if (new Set(codes).size !== codes.length) throw invalid('Mỗi cơ quan phối hợp chỉ được nêu một lần.', 'interAgency.agencies');
  if (codes.includes(competent.code)) {
    throw invalid('Cơ quan có thẩm quyền giải quyết không phải là cơ quan phối hợp liên thông.', 'interAgency.agencies');
  }
  const given = request.agencies.filter((agency) => agency.sharePercent !== undefined);
  if (given.length !== 0 && given.length !== request.agencies.length) {
    throw invalid('Nêu tỷ lệ thời gian cho tất cả các cơ quan phối hợp, hoặc không nêu cho cơ quan nào (chia đều).', 'interAgency.agencies');
  }
  const shares = request.agencies.map((agency) => agency.sharePercent ?? 100 / request.agencies.length);
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (Math.abs(total - 100) > 0.01) {
    throw invalid(`Tổng tỷ lệ thời gian của các cơ quan phối hợp phải bằng 100% (hiện là ${total}%).`, 'interAgency.agencies');
  }
  return request.agencies.map((agency, index) => {
    const unitPath = paths[agency.unitCode] as string;
    return { unitCode: agency.unitCode, unitPath, direction: directionOf(unitPath, competent.path), stepKey: step.key, sharePercent: shares[index] as number };
  });
}

export async function insertSubHandlings(manager: EntityManager, dossierId: string, planned: PlannedSubHandling[]): Promise<void> {
  for (const [position, part] of planned.entries()) {
    await manager.query(
      `INSERT INTO dossier_sub_handlings (dossier_id, unit_code, unit_path, direction, step_key, share_percent, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [dossierId, part.unitCode, part.unitPath, part.direction, part.stepKey, part.sharePercent, position],
    );
  }
}

export const loadSubHandlings = (manager: EntityManager, dossierId: string): Promise<SubHandlingRow[]> =>
  manager.query('SELECT * FROM dossier_sub_handlings WHERE dossier_id = $1 ORDER BY position', [dossierId]);

export const toSubHandlingView = (row: SubHandlingRow): SubHandlingView => ({
  unitCode: row.unit_code,
  direction: row.direction,
  step: row.step_key,
  sharePercent: Number(row.share_percent),
  state: row.state,
  stateLabel: SUB_HANDLING_STATE_LABELS[row.state],
  assignedAt: row.assigned_at ? new Date(row.assigned_at).toISOString() : null,
  dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  verdict: row.verdict,
});

/** The dossier as its readers see it, with the agencies' parts. */
export async function dossierViewOf(manager: EntityManager, row: DossierRow): Promise<DossierView> {
  return toDossierView(row, (await loadSubHandlings(manager, row.id)).map(toSubHandlingView));
}
