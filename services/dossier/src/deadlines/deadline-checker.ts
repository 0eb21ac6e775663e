import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { dossierDueSoonV1, dossierOverdueV1 } from '@mc/contracts';
import { Outbox } from '@mc/messaging';
import type { Logger } from '@mc/observability';
import { LOGGER, repeat, SERVICE_CONFIG, type Repeating } from '@mc/service-runtime';
import { workingTimeBetween, type WorkingCalendar } from '@mc/working-calendar';
import { CALENDAR_SOURCE, type CalendarSource } from '../adapters/calendar-source';
import { CLOCK, type Clock } from '../clock';
import type { DossierConfig } from '../dossier.config';
import { eventBase, type DossierRow } from '../dossiers/dossier-row';
import { HistoryLog } from '../history/history-log';

const HOUR_MS = 3_600_000;
const BATCH = 500;
/** Paused dossiers (awaiting a supplement) are not running late; finished ones are done. */
export const RUNNING = ['in_progress', 'approved', 'result_ready'];

type Mark = 'due_soon' | 'overdue' | 'step_due_soon' | 'step_overdue' | 'agency_due_soon' | 'agency_overdue';

export interface CheckResult {
  marked: { dossierId: string; mark: Mark }[];
}

/**
 * Marks dossiers and their current steps as nearing their due instant and as
 * overdue, each once, with its event in the outbox. Every replica runs it on a
 * timer: a dossier is locked with SKIP LOCKED and its mark re-read under the
 * lock, so two replicas never mark (or announce) the same thing twice, and a
 * restarted one finds the marks already set.
 */
@Injectable()
export class DeadlineChecker implements OnApplicationBootstrap, OnApplicationShutdown {
  private job: Repeating | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly history: HistoryLog,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: DossierConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.DOSSIER_DEADLINE_CHECK_MS;
    if (!every) return;
    this.job = repeat(every, () => this.runOnce(), (error) => this.logger.error({ err: error }, 'deadline check failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  async runOnce(): Promise<CheckResult> {
    const now = this.clock.now();
    const soonMs = this.config.DOSSIER_DUE_SOON_WORKING_HOURS * HOUR_MS;
    // Office hours are at most a third of the clock; Tết adds up to nine days off. Rows inside this
    // horizon are checked exactly against the calendar.
    const horizon = new Date(now.getTime() + soonMs * 3 + 10 * 24 * HOUR_MS);
    const candidates: { id: string; receiving_unit_code: string }[] = await this.dataSource.query(
      `SELECT id, receiving_unit_code FROM dossiers
        WHERE state = ANY($1) AND paused_at IS NULL
          AND ((overdue_marked_at IS NULL AND due_at <= $2) OR (due_soon_marked_at IS NULL AND due_at <= $3)
            OR (step_due_at IS NOT NULL AND ((step_overdue_marked_at IS NULL AND step_due_at <= $2)
                                          OR (step_due_soon_marked_at IS NULL AND step_due_at <= $3)))
            OR EXISTS (SELECT 1 FROM dossier_sub_handlings s
                        WHERE s.dossier_id = dossiers.id AND s.state IN ('assigned', 'in_progress') AND s.due_at IS NOT NULL
                          AND ((s.overdue_marked_at IS NULL AND s.due_at <= $2) OR (s.due_soon_marked_at IS NULL AND s.due_at <= $3))))
        ORDER BY due_at LIMIT ${BATCH}`,
      [RUNNING, now, horizon],
    );
    const marked: CheckResult['marked'] = [];
    // Asked before any transaction, so no row lock is held while another service answers.
    const calendars = new Map<string, WorkingCalendar | null>();
    for (const unitCode of new Set(candidates.map((candidate) => candidate.receiving_unit_code))) {
      const calendar = await this.calendars.forUnit(unitCode, now).catch((error: Error) => {
        // Without a calendar "due soon" cannot be told; overdue still can.
        this.logger.warn({ err: error, unitCode }, 'no working calendar for the deadline check');
        return null;
      });
      calendars.set(unitCode, calendar);
    }
    for (const { id, receiving_unit_code: unitCode } of candidates) {
      const calendar = calendars.get(unitCode) ?? null;
      try {
        marked.push(...(await this.dataSource.transaction((manager) => this.check(manager, id, now, soonMs, calendar))));
      } catch (error) {
        this.logger.error({ err: error, dossierId: id }, 'deadline check of a dossier failed');
      }
    }
    return { marked };
  }

  private async check(manager: EntityManager, id: string, now: Date, soonMs: number, calendar: WorkingCalendar | null): Promise<CheckResult['marked']> {
    // Another replica (or an action) holding the row: it is checked on a later pass.
    const [row]: DossierRow[] = await manager.query(
      'SELECT * FROM dossiers WHERE id = $1 AND state = ANY($2) AND paused_at IS NULL FOR UPDATE SKIP LOCKED',
      [id, RUNNING],
    );
    if (!row) return [];
    const marks = [
      ...this.due(row.due_at, row.due_soon_marked_at, row.overdue_marked_at, now, soonMs, calendar, 'dossier'),
      ...(row.step_due_at ? this.due(row.step_due_at, row.step_due_soon_marked_at, row.step_overdue_marked_at, now, soonMs, calendar, 'step') : []),
    ];
    // The agencies' parts of a liên thông dossier, locked with it by the dossier's row lock above.
    const parts: { unit_code: string; due_at: Date; due_soon_marked_at: Date | null; overdue_marked_at: Date | null }[] = await manager.query(
      `SELECT unit_code, due_at, due_soon_marked_at, overdue_marked_at FROM dossier_sub_handlings
        WHERE dossier_id = $1 AND state IN ('assigned', 'in_progress') AND due_at IS NOT NULL`,
      [row.id],
    );
    const partMarks = parts.flatMap((part) =>
      this.due(part.due_at, part.due_soon_marked_at, part.overdue_marked_at, now, soonMs, calendar, 'agency').map((mark) => ({
        ...mark,
        agencyUnitCode: part.unit_code,
      })),
    );
    if (!marks.length && !partMarks.length) return [];
    const columns = marks.flatMap(({ columns }) => columns);
    if (columns.length) {
      await manager.query(`UPDATE dossiers SET ${columns.map((column) => `${column} = $2`).join(', ')} WHERE id = $1`, [row.id, now]);
    }
    for (const mark of partMarks) {
      await manager.query(
        `UPDATE dossier_sub_handlings SET ${mark.columns.map((column) => `${column} = $3`).join(', ')} WHERE dossier_id = $1 AND unit_code = $2`,
        [row.id, mark.agencyUnitCode, now],
      );
    }
    const step = row.workflow[row.step_index]?.key ?? null;
    const announced = [...marks.map((mark) => ({ ...mark, agencyUnitCode: null as string | null })), ...partMarks].filter((mark) => mark.announce);
    for (const mark of announced) {
      const data = {
        ...eventBase(row, now, 'system'),
        scope: mark.scope,
        ...(mark.agencyUnitCode ? { agencyUnitCode: mark.agencyUnitCode } : {}),
        markedDueAt: mark.dueAt.toISOString(),
        remainingWorkingMilliseconds: mark.remainingMs,
      };
      await this.outbox.add(manager, mark.kind === 'overdue' ? dossierOverdueV1 : dossierDueSoonV1, data);
      await this.history.append(manager, {
        dossierId: row.id,
        at: now.toISOString(),
        actor: { subject: 'system', username: 'system', role: 'system', unit: '' },
        action: mark.kind === 'overdue' ? 'mark_overdue' : 'mark_due_soon',
        reason: null,
        before: { state: row.state, step },
        after: { state: row.state, step },
        details: {
          scope: mark.scope,
          agencyUnitCode: mark.agencyUnitCode,
          dueAt: mark.dueAt.toISOString(),
          remainingWorkingMilliseconds: mark.remainingMs,
        },
      });
    }
    return announced.map((mark) => ({ dossierId: row.id, mark: (mark.scope === 'dossier' ? mark.kind : `${mark.scope}_${mark.kind}`) as Mark }));
  }

  /** What to mark for one due instant; an overdue mark also settles the due-soon one without announcing it. */
  private due(
    dueValue: Date,
    soonMarked: Date | null,
    overdueMarked: Date | null,
    now: Date,
    soonMs: number,
    calendar: WorkingCalendar | null,
    scope: 'dossier' | 'step' | 'agency',
  ) {
    const dueAt = new Date(dueValue);
    const prefix = scope === 'step' ? 'step_' : '';
    const remainingMs = calendar ? workingTimeBetween(now, dueAt, calendar) : dueAt.getTime() - now.getTime();
    if (now.getTime() > dueAt.getTime()) {
      if (overdueMarked) return [];
      const columns = [`${prefix}overdue_marked_at`, ...(soonMarked ? [] : [`${prefix}due_soon_marked_at`])];
      return [{ kind: 'overdue' as const, scope, dueAt, remainingMs, columns, announce: true }];
    }
    if (calendar && !soonMarked && remainingMs <= soonMs) {
      return [{ kind: 'due_soon' as const, scope, dueAt, remainingMs, columns: [`${prefix}due_soon_marked_at`], announce: true }];
    }
    return [];
  }
}
