import { zeroTimelinessCounts, type TimelinessCounts } from '@mc/contracts';
import type { SyntheticDossier } from '../../../load-tests/benchmarks/synthetic-dossiers';

/**
 * The figures of the timeliness report computed straight from what the
 * generator decided for each dossier, without the projection's code: a
 * dossier's outcome is its kind, days are Vietnamese calendar days, a dossier
 * is open at instant T when received at or before T and not finished by T.
 */

const dayInVietnam = (instant: Date) => {
  const shifted = new Date(instant.getTime() + 7 * 3_600_000);
  return shifted.toISOString().slice(0, 10);
};
const midnight = (day: string) => new Date(`${day}T00:00:00+07:00`);
const dayAfter = (day: string) => {
  const next = new Date(`${day}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};
const openAt = (dossier: SyntheticDossier, at: Date) =>
  dossier.receivedAt.getTime() <= at.getTime() && (dossier.finishedAt === null || dossier.finishedAt.getTime() > at.getTime());

const FINISHED_COLUMN: Record<string, keyof TimelinessCounts> = {
  early: 'finishedEarly',
  paused_supplement: 'finishedEarly',
  on_time: 'finishedOnTime',
  late: 'finishedLate',
  multi_supplement: 'finishedLate',
  refused: 'refused',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
};

/** Counts of the dossiers `belongs` keeps, over [from, to] (inclusive days). */
export function expectedCounts(dossiers: SyntheticDossier[], from: string, to: string): TimelinessCounts {
  const counts = zeroTimelinessCounts();
  const start = midnight(from);
  const end = midnight(dayAfter(to));
  for (const dossier of dossiers) {
    const receivedDay = dayInVietnam(dossier.receivedAt);
    if (receivedDay >= from && receivedDay <= to) {
      counts.received += 1;
      if (dossier.channelCode === 2) counts.receivedOnline += 1;
      if (dossier.channelCode === 3) counts.receivedPostal += 1;
    }
    if (dossier.finishedAt) {
      const finishedDay = dayInVietnam(dossier.finishedAt);
      if (finishedDay >= from && finishedDay <= to) counts[FINISHED_COLUMN[dossier.kind]!] += 1;
    }
    if (openAt(dossier, start)) counts.carriedOver += 1;
    if (openAt(dossier, end)) {
      if (dossier.dueAt.getTime() < end.getTime()) counts.inProgressOverdue += 1;
      else counts.inProgressOnTime += 1;
    }
  }
  return counts;
}

/** Months of [from, to] as [key, first day, last day], clipped to the period. */
export function monthsOf(from: string, to: string): [string, string, string][] {
  const months: [string, string, string][] = [];
  for (let day = from; day <= to; day = dayAfter(day)) {
    const key = day.slice(0, 7);
    const last = months[months.length - 1];
    if (last && last[0] === key) last[2] = day;
    else months.push([key, day, day]);
  }
  return months;
}
