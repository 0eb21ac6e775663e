/** The time a report is asked at; tests replace it to judge open dossiers at an instant they choose. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = { now: () => new Date() };

/**
 * The instant a period's open dossiers are judged at: its end, or now while
 * it has not ended, so a dossier due later today is not yet overdue.
 */
export const judgedAt = (end: Date, now: Date): Date => (end < now ? end : now);
