export { CLOCK, systemClock, type Clock } from '@mc/service-runtime';

/**
 * The instant a period's open dossiers are judged at: its end, or now while
 * it has not ended, so a dossier due later today is not yet overdue.
 */
export const judgedAt = (end: Date, now: Date): Date => (end < now ? end : now);
