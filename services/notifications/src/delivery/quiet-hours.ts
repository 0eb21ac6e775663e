const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the SMS quiet hours (Vietnam time, e.g. 21:00–07:00) that `now` falls
 * in end; null outside them. A window that crosses midnight is the usual case;
 * one within a day works the same.
 */
export function quietUntil(now: Date, from: string, until: string): Date | null {
  const local = now.getTime() + VIETNAM_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = (local - dayStart) / 60_000;
  const [start, end] = [minutes(from), minutes(until)];
  if (start === end) return null;
  const crossesMidnight = start > end;
  const inside = crossesMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return null;
  const endLocal = dayStart + end * 60_000 + (crossesMidnight && minute >= start ? DAY_MS : 0);
  return new Date(endLocal - VIETNAM_OFFSET_MS);
}
