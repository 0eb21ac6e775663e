import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DossierActionRequest, DossierView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CALENDAR_SOURCE, type CalendarSource } from '../adapters/calendar-source';
import { CLOCK, type Clock } from '../clock';
import { loadDossierForUpdate, loadVisibleDossier, type DossierRow } from '../dossiers/dossier-row';
import { HistoryLog } from '../history/history-log';
import { latestResultSignature } from '../result-signatures/result-signature';
import { Idempotency } from '../dossiers/idempotency';
import { dossierViewOf, loadSubHandlings } from '../inter-agency/sub-handlings';
import { planTransition, TRANSITIONS, type DossierChanges, type TransitionPlan } from './transitions';
import { allowedActions } from './allowed-actions';
import { authorise } from './workflow';

/** How each changeable column is written: JSON columns are serialised, the rest bound as they are. */
const COLUMNS: Record<keyof DossierChanges, 'json' | 'value'> = {
  state: 'value',
  step_index: 'value',
  step_started_at: 'value',
  step_due_at: 'value',
  step_due_soon_marked_at: 'value',
  step_overdue_marked_at: 'value',
  paused_at: 'value',
  paused_working_ms: 'value',
  supplement_requests: 'value',
  late_for_reporting: 'value',
  due_at: 'value',
  due_soon_marked_at: 'value',
  overdue_marked_at: 'value',
  apologies: 'json',
  stop_notice: 'json',
  finished_at: 'value',
  on_time: 'value',
  return_method: 'value',
  electronic_result: 'value',
};

/**
 * One step of a dossier's handling: loads the dossier under lock, checks the
 * transition and the actor, applies the transition's effects (TRANSITIONS),
 * and saves the row, its history entries (a control-slip line when the step
 * changes) and its events, all in one transaction.
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

  /**
   * `forPost`: the postal service reports a step it took on a dossier it does
   * not read (its events are trusted like the other services' events), so the
   * dossier is loaded without the reader's scope; authorise() still checks the role.
   */
  async execute(input: DossierActionRequest, principal: Principal, idempotencyKey?: string, { forPost = false } = {}): Promise<DossierView> {
    return this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, { caller: principal.subject, key: idempotencyKey, operation: 'act', request: input }, () =>
        this.act(manager, input, principal, forPost),
      ),
    );
  }

  private async act(manager: EntityManager, input: DossierActionRequest, principal: Principal, forPost: boolean): Promise<DossierView> {
    const row = forPost ? await loadDossierForUpdate(manager, input) : await loadVisibleDossier(manager, input, principal, true);
    const { move, actingAs } = authorise(row, input.action, principal);
    const now = this.clock.now();
    const calendar = await this.calendars.forUnit(row.receiving_unit_code, now);
    const parts = await loadSubHandlings(manager, row.id);
    const extensionsMade = TRANSITIONS[input.action].counts === 'extensions' ? await this.extensionsMade(manager, row.id) : 0;
    const resultSignature = TRANSITIONS[input.action].reads === 'result-signature' ? await latestResultSignature(manager, row.code) : null;
    const plan = planTransition({ row, input, principal, actingAs, now, calendar, parts, extensionsMade, resultSignature }, move);

    const updated = await this.save(manager, row.id, plan);
    for (const entry of plan.history) {
      await this.history.append(manager, {
        ...entry,
        dossierId: row.id,
        at: now.toISOString(),
        actor: { subject: principal.subject, username: principal.username, ...actingAs },
      });
    }
    for (const { definition, data } of plan.events(updated)) await this.outbox.add(manager, definition, data);
    // The actor's next screen shows what is left to do without reading the dossier again.
    return { ...(await dossierViewOf(manager, updated)), allowedActions: allowedActions(updated, principal) };
  }

  private async extensionsMade(manager: EntityManager, dossierId: string): Promise<number> {
    const [{ made }]: { made: number }[] = await manager.query(
      `SELECT count(*)::int AS made FROM dossier_history WHERE dossier_id = $1 AND entry->>'action' = 'extend'`,
      [dossierId],
    );
    return made;
  }

  private async save(manager: EntityManager, id: string, plan: TransitionPlan): Promise<DossierRow> {
    for (const part of plan.parts) {
      await manager.query(
        part.assignedAt
          ? "UPDATE dossier_sub_handlings SET state = 'assigned', assigned_at = $4, due_at = $3 WHERE dossier_id = $1 AND unit_code = $2"
          : 'UPDATE dossier_sub_handlings SET due_at = $3 WHERE dossier_id = $1 AND unit_code = $2',
        part.assignedAt ? [id, part.unitCode, part.dueAt, part.assignedAt] : [id, part.unitCode, part.dueAt],
      );
    }
    const columns = (Object.keys(COLUMNS) as (keyof DossierChanges)[]).filter((column) => column in plan.changes);
    const values = columns.map((column) => (COLUMNS[column] === 'json' ? JSON.stringify(plan.changes[column]) : plan.changes[column]));
    const [rows]: [DossierRow[], number] = await manager.query(
      `UPDATE dossiers SET ${columns.map((column, index) => `${column} = $${index + 2}`).join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, ...values],
    );
    return rows[0] as DossierRow;
  }
}
