import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  dossierSubHandlingCompletedV1,
  SUB_HANDLING_STATE_LABELS,
  type DossierView,
  type SubHandlingAction,
  type SubHandlingActionRequest,
  type SubHandlingState,
} from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, type Clock } from '../clock';
import { verdictOf } from '../deadlines/deadlines';
import { canRead, eventBase, type DossierRow } from '../dossiers/dossier-row';
import { HistoryLog } from '../history/history-log';
import { Idempotency } from '../dossiers/idempotency';
import { dossierViewOf, loadSubHandlings, type SubHandlingRow } from './sub-handlings';
import { FINAL_STATES } from '../handling/transitions';

const RULES: Record<SubHandlingAction, { from: readonly SubHandlingState[]; to: SubHandlingState; needsReason: boolean }> = {
  start: { from: ['assigned'], to: 'in_progress', needsReason: false },
  complete: { from: ['assigned', 'in_progress'], to: 'done', needsReason: false },
  refuse: { from: ['assigned', 'in_progress'], to: 'refused', needsReason: true },
};

/**
 * An agency's own small lifecycle on its part of a liên thông dossier, taken by
 * that agency's handling staff. It runs under the dossier's row lock, like the
 * dossier's own steps, so its history entry and the parent's "all done?" check
 * see one order.
 */
@Injectable()
export class ActOnSubHandling {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly history: HistoryLog,
    private readonly idempotency: Idempotency,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: SubHandlingActionRequest, principal: Principal, idempotencyKey?: string): Promise<DossierView> {
    return this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, { caller: principal.subject, key: idempotencyKey, operation: 'sub-handling-act', request: input }, () =>
        this.act(manager, input, principal),
      ),
    );
  }

  private async act(manager: EntityManager, input: SubHandlingActionRequest, principal: Principal): Promise<DossierView> {
    const where = input.dossierId ? 'id = $1' : 'code = $1';
    const [row]: DossierRow[] = await manager.query(`SELECT * FROM dossiers WHERE ${where} FOR UPDATE`, [input.dossierId ?? input.code]);
    const parts = row ? await loadSubHandlings(manager, row.id) : [];
    const part = parts.find((candidate) => candidate.unit_code === input.unitCode);
    const handles = (unitPath: string, who: Principal = principal) =>
      isAllowed(who, 'dossier.handle', { unitPath }) || isAllowed(who, 'dossier.approve', { unitPath });
    const reads = row && (canRead(principal, row) || parts.some((candidate) => candidate.state !== 'pending' && handles(candidate.unit_path)));
    if (!row || !reads) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ (hoặc hồ sơ không thuộc phạm vi của bạn).');
    if (!part) throw new AppError('NOT_FOUND', `Hồ sơ ${row.code} không có phần liên thông với cơ quan ${input.unitCode}.`);

    const rule = RULES[input.action];
    if (!rule.from.includes(part.state) || FINAL_STATES.includes(row.state)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        part.state === 'pending'
          ? `Hồ sơ chưa được chuyển liên thông đến ${part.unit_code}.`
          : `Không thể thực hiện thao tác này khi phần liên thông của ${part.unit_code} đang ở trạng thái "${SUB_HANDLING_STATE_LABELS[part.state]}".`,
        { state: part.state, dossierState: row.state, action: input.action },
      );
    }
    const grant = principal.roles.find((candidate) => handles(part.unit_path, { ...principal, roles: [candidate] }));
    if (!grant) {
      throw new AppError('FORBIDDEN', `Chỉ cán bộ xử lý của ${part.unit_code} được thực hiện phần liên thông này.`);
    }
    if (rule.needsReason && !input.reason) {
      throw new AppError('VALIDATION_FAILED', 'Nhập lý do cho thao tác này.', { issues: [{ path: 'reason', message: 'Bắt buộc' }] });
    }

    const now = this.clock.now();
    const finishing = rule.to === 'done' || rule.to === 'refused';
    const verdict = finishing ? verdictOf(now, part.due_at ? new Date(part.due_at) : null) : null;
    const [updatedRows]: [SubHandlingRow[], number] = await manager.query(
      `UPDATE dossier_sub_handlings
          SET state = $3,
              started_at = CASE WHEN $3 = 'in_progress' THEN $4::timestamptz ELSE started_at END,
              finished_at = CASE WHEN $5 THEN $4::timestamptz ELSE finished_at END,
              verdict = $6,
              reason = $7
        WHERE dossier_id = $1 AND unit_code = $2 RETURNING *`,
      [row.id, part.unit_code, rule.to, now, finishing, verdict, input.reason ?? null],
    );
    const updated = updatedRows[0] as SubHandlingRow;
    const step = row.workflow[row.step_index]?.key ?? null;
    // The control slip names the step the part returns to as staff know it, as for any hand-over.
    const returnStepName = row.workflow.find((candidate) => candidate.key === part.step_key)?.name ?? part.step_key;
    const dueAt = part.due_at ? new Date(part.due_at).toISOString() : null;
    await this.history.append(manager, {
      dossierId: row.id,
      at: now.toISOString(),
      actor: { subject: principal.subject, username: principal.username, role: grant.role, unit: grant.unit },
      action: `sub_handling_${input.action}`,
      reason: input.reason ?? null,
      before: { state: row.state, step },
      after: { state: row.state, step },
      // Finishing hands the part back to the waiting step: a control-slip line judged against the agency's own due instant.
      details: finishing
        ? { agency: part.unit_code, outcome: rule.to, fromStep: `lien-thong:${part.unit_code}`, toStep: part.step_key, toStepName: returnStepName, stepDueAt: dueAt, verdict }
        : { agency: part.unit_code, outcome: rule.to },
    });
    if (finishing) {
      const after = parts.map((candidate) => (candidate.unit_code === updated.unit_code ? updated : candidate));
      await this.outbox.add(manager, dossierSubHandlingCompletedV1, {
        ...eventBase(row, now, principal.username),
        agencyUnitCode: part.unit_code,
        direction: part.direction,
        subHandlingDueAt: dueAt ?? now.toISOString(),
        outcome: rule.to as 'done' | 'refused',
        verdict: verdict ?? 'on_time',
        reason: input.reason ?? null,
        allDone: after.every((candidate) => candidate.state === 'done'),
      });
    }
    return dossierViewOf(manager, row);
  }
}
