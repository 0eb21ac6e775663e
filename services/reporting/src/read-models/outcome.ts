import { vietnamDate } from '@mc/working-calendar';

export const OUTCOMES = ['early', 'on_time', 'late', 'refused', 'withdrawn', 'stopped'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type FinishingEvent = 'returned' | 'refused' | 'withdrawn' | 'stopped';

export interface Finish {
  event: FinishingEvent;
  /** The dossier service's verdict against the due instant, paused time already left out of it. */
  onTime: boolean;
  /** Counted late whatever the instant: more than one supplement request. */
  lateForReporting: boolean;
  finishedAt: string | Date;
  dueAt: string | Date;
}

/**
 * How the official report counts a finished dossier. Refused, withdrawn and
 * stopped dossiers are their own columns. A returned one is late when the
 * dossier service found it past due or it was sent back for supplements more
 * than once; otherwise it is early when it finished on an earlier Vietnamese
 * calendar day than the due date, and on time on the due day itself.
 */
export function outcomeOf(finish: Finish): Outcome {
  if (finish.event !== 'returned') return finish.event;
  if (!finish.onTime || finish.lateForReporting) return 'late';
  return vietnamDate(finish.finishedAt) < vietnamDate(finish.dueAt) ? 'early' : 'on_time';
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
  refused: 'Từ chối',
  withdrawn: 'Rút hồ sơ',
  stopped: 'Dừng giải quyết',
};
