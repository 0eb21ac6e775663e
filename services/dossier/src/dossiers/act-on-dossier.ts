import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  dossierApprovedV1,
  dossierHandedOverV1,
  dossierRefusedV1,
  dossierResultIssuedV1,
  dossierReturnedV1,
  dossierStoppedV1,
  dossierSupplementReceivedV1,
  dossierSupplementRequestedV1,
  dossierWithdrawnV1,
  type DossierActionRequest,
  type DossierState,
  type DossierView,
  type StepView,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { extendForPauses, workingTimeBetween } from '@mc/working-calendar';
import { CALENDAR_SOURCE, type CalendarSource } from '../adapters/calendar-source';
import { CLOCK, type Clock } from '../clock';
import { stepDueAt, verdictOf } from './deadlines';
import { loadVisibleDossier, toDossierView, type DossierRow } from './dossier-row';
import { HistoryLog } from './history-log';
import { Idempotency } from './idempotency';
import { authorise, FINAL_STATES } from './workflow';

type Headers = Record<string, string | undefined>;

/**
 * One step of a dossier's handling: checks the transition and the actor, then
 * changes the state, appends the history entry (a control-slip line when the
 * step changes) and emits the event, all in one transaction.
 */
@Injectable()
export class ActOnDossier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly history: HistoryLog,
    private readonly idempotency: Idempotency,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: DossierActionRequest, principal: Principal, headers: Headers = {}, idempotencyKey?: string): Promise<DossierView> {
    return this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, { caller: principal.subject, key: idempotencyKey, operation: 'act', request: input }, () =>
        this.act(manager, input, principal, headers),
      ),
    );
  }

  private async act(manager: EntityManager, input: DossierActionRequest, principal: Principal, headers: Headers): Promise<DossierView> {
    const row = await loadVisibleDossier(manager, input, principal, true);
    const { rule, move, actingAs } = authorise(row, input.action, principal);
    if (rule.needsReason && !input.reason) {
      throw new AppError('VALIDATION_FAILED', 'Nhập lý do cho thao tác này.', { issues: [{ path: 'reason', message: 'Bắt buộc' }] });
    }
    const now = this.clock.now();
    const calendar = await this.calendars.forUnit(row.receiving_unit_code, now, headers);
    const before = { state: row.state, step: row.workflow[row.step_index]?.key ?? null };
    const change: Partial<Record<string, unknown>> = { state: rule.to };
    const details: Record<string, unknown> = {};
    let dueAt = new Date(row.due_at);

    const fromStep = row.workflow[row.step_index];
    if (move !== 0) {
      const toIndex = row.step_index + move;
      // authorise() has checked that the step moved to exists.
      const toStep = row.workflow[toIndex] as StepView;
      const verdict = verdictOf(now, row.step_due_at ? new Date(row.step_due_at) : null);
      const nextDue = stepDueAt(now, Number(row.statutory_working_ms), toStep.sharePercent, calendar);
      Object.assign(change, { step_index: toIndex, step_started_at: now, step_due_at: nextDue });
      Object.assign(details, {
        fromStep: fromStep?.key ?? null,
        toStep: toStep.key,
        fromStepName: fromStep?.name ?? null,
        toStepName: toStep.name,
        stepDueAt: row.step_due_at ? new Date(row.step_due_at).toISOString() : null,
        verdict,
        nextStepDueAt: nextDue.toISOString(),
      });
    }

    if (input.action === 'request_supplement') {
      const count = row.supplement_requests + 1;
      // One request is the rule; a second is allowed but the dossier then counts as late (QĐ 766).
      Object.assign(change, { paused_at: now, supplement_requests: count, late_for_reporting: row.late_for_reporting || count > 1 });
      Object.assign(details, { requestCount: count, missing: input.missing ?? [] });
    }
    if (input.action === 'receive_supplement') {
      // Only a dossier awaiting a supplement gets here, and that state always carries its pause start.
      const pausedAt = new Date(row.paused_at ?? now);
      const pausedMs = workingTimeBetween(pausedAt, now, calendar);
      dueAt = extendForPauses(dueAt, [{ start: pausedAt, end: now }], calendar);
      const stepDue = row.step_due_at ? extendForPauses(new Date(row.step_due_at), [{ start: pausedAt, end: now }], calendar) : null;
      Object.assign(change, {
        paused_at: null,
        paused_working_ms: Number(row.paused_working_ms) + pausedMs,
        due_at: dueAt,
        step_due_at: stepDue,
      });
      Object.assign(details, { pausedWorkingMilliseconds: pausedMs, dueAt: dueAt.toISOString(), stepDueAt: stepDue?.toISOString() ?? null });
    }
    if (FINAL_STATES.includes(rule.to)) {
      // A dossier still waiting for a supplement when it ends: the wait did not count against the agency.
      if (row.paused_at) {
        dueAt = extendForPauses(dueAt, [{ start: new Date(row.paused_at), end: now }], calendar);
        Object.assign(change, { paused_at: null, due_at: dueAt });
      }
      const onTime = !row.late_for_reporting && now.getTime() <= dueAt.getTime();
      Object.assign(change, { finished_at: now, on_time: onTime });
      Object.assign(details, { onTime });
    }
    if (input.action === 'return_result' && input.returnMethod) change.return_method = input.returnMethod;

    const updated = await this.update(manager, row.id, change);
    await this.history.append(manager, {
      dossierId: row.id,
      at: now.toISOString(),
      actor: { subject: principal.subject, username: principal.username, ...actingAs },
      action: input.action,
      reason: input.reason ?? null,
      before,
      after: { state: rule.to, step: updated.workflow[updated.step_index]?.key ?? null },
      details,
    });
    await this.emit(manager, input, updated, principal, now, details);
    return toDossierView(updated);
  }

  private async update(manager: EntityManager, id: string, change: Partial<Record<string, unknown>>): Promise<DossierRow> {
    const columns = Object.keys(change);
    const assignments = columns.map((column, index) => `${column} = $${index + 2}`).join(', ');
    const [rows]: [DossierRow[], number] = await manager.query(
      `UPDATE dossiers SET ${assignments}, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, ...columns.map((column) => change[column])],
    );
    return rows[0] as DossierRow;
  }

  private async emit(
    manager: EntityManager,
    input: DossierActionRequest,
    row: DossierRow,
    principal: Principal,
    now: Date,
    details: Record<string, unknown>,
  ): Promise<void> {
    const base = {
      dossierId: row.id,
      code: row.code,
      procedureCode: row.procedure_code,
      receivingUnitCode: row.receiving_unit_code,
      competentUnitCode: row.competent_unit_code,
      state: row.state as DossierState,
      step: row.workflow[row.step_index]?.key ?? null,
      dueAt: new Date(row.due_at).toISOString(),
      occurredAt: now.toISOString(),
      actor: principal.username,
    };
    const finished = { ...base, onTime: row.on_time ?? false, lateForReporting: row.late_for_reporting };
    const reason = input.reason ?? '';
    const handedOver = {
      ...base,
      fromStep: (details.fromStep as string | null) ?? null,
      toStep: (details.toStep as string | null) ?? null,
      verdict: (details.verdict as 'early' | 'on_time' | 'late' | null) ?? null,
    };
    switch (input.action) {
      case 'hand_over':
      case 'send_back':
        return void (await this.outbox.add(manager, dossierHandedOverV1, handedOver));
      case 'request_supplement':
        return void (await this.outbox.add(manager, dossierSupplementRequestedV1, {
          ...base,
          reason,
          requestCount: row.supplement_requests,
          lateForReporting: row.late_for_reporting,
        }));
      case 'receive_supplement':
        return void (await this.outbox.add(manager, dossierSupplementReceivedV1, {
          ...base,
          pausedWorkingMilliseconds: Number(details.pausedWorkingMilliseconds ?? 0),
        }));
      case 'approve':
        await this.outbox.add(manager, dossierApprovedV1, base);
        return void (await this.outbox.add(manager, dossierHandedOverV1, handedOver));
      case 'refuse':
        return void (await this.outbox.add(manager, dossierRefusedV1, { ...finished, reason }));
      case 'issue_result':
        return void (await this.outbox.add(manager, dossierResultIssuedV1, base));
      case 'return_result':
        return void (await this.outbox.add(manager, dossierReturnedV1, { ...finished, returnMethod: row.return_method }));
      case 'withdraw':
        return void (await this.outbox.add(manager, dossierWithdrawnV1, { ...finished, reason }));
      case 'stop':
        return void (await this.outbox.add(manager, dossierStoppedV1, { ...finished, reason }));
    }
  }
}
