import type { StepVerdict } from '@mc/contracts';
import { dueAt, type WorkingCalendar } from '@mc/working-calendar';
import { sameVietnamDay } from '../dossiers/display';

const HOUR_MS = 3_600_000;

/**
 * A step's due instant: its share of the procedure's statutory office time,
 * counted in office time from the moment the step began.
 */
export function stepDueAt(startedAt: Date, statutoryWorkingMs: number, sharePercent: number, calendar: WorkingCalendar): Date {
  const budgetMs = Math.round((statutoryWorkingMs * sharePercent) / 100);
  return dueAt(startedAt, { value: budgetMs / HOUR_MS, unit: 'working_hours' }, calendar);
}

/** Control-slip verdict: late after the due instant, on time on its day, early on an earlier day. */
export function verdictOf(handedAt: Date, due: Date | null): StepVerdict | null {
  if (!due) return null;
  if (handedAt.getTime() > due.getTime()) return 'late';
  return sameVietnamDay(handedAt, due) ? 'on_time' : 'early';
}

export const VERDICT_LABELS: Record<StepVerdict, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };
