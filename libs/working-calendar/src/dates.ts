import { CalendarError } from './errors';
import { VIETNAM_OFFSET_MS } from './vietnam-time';

/** A calendar date in Vietnam, written YYYY-MM-DD. */
export type IsoDate = string;

/** A point in time: a Date, or an ISO 8601 string with an explicit offset such as +07:00 or Z. */
export type Instant = Date | string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// The lunar algorithm's astronomical series are accurate over this span; a year
// outside it is a typing error, and refusing it also bounds every loop over days.
export const FIRST_SUPPORTED_YEAR = 1900;
export const LAST_SUPPORTED_YEAR = 2199;

export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR;
}

/*
 * Dates are handled as day numbers: whole days since 1970-01-01 on the
 * Vietnamese calendar, so date arithmetic is integer arithmetic.
 */

export function dayFromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, date] = match.slice(1, 4).map(Number);
  return isSupportedYear(year) && dateExists(year, month, date) ? dayFromParts(year, month, date) : undefined;
}

// Date.UTC and Date.parse roll 30/02 over to 02/03 instead of refusing it.
function dateExists(year: number, month: number, date: number): boolean {
  const roundTrip = new Date(Date.UTC(year, month - 1, date));
  return roundTrip.getUTCMonth() === month - 1 && roundTrip.getUTCDate() === date;
}

/**
 * The same day number `months` months later; when that month is too short,
 * its last day (Civil Code 2015 art. 148(1)(c): 31/01 + 1 month is 28/02).
 */
export function addMonths(day: number, months: number): number {
  const [year, month, date] = isoDateOf(day).split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDate = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return dayFromParts(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(date, lastDate));
}

export function isoDateOf(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayOfInstant(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
}

export function startOfDay(day: number): number {
  return day * DAY_MS - VIETNAM_OFFSET_MS;
}

export function formatDay(day: number): string {
  const [year, month, date] = isoDateOf(day).split('-');
  return `${date}/${month}/${year}`;
}

/** "HH:mm" from milliseconds after local midnight. */
export function formatTimeOfDay(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

export function formatInstant(ms: number): string {
  const day = dayOfInstant(ms);
  return `${formatTimeOfDay(ms - startOfDay(day))} ngày ${formatDay(day)}`;
}

// Offsets in use on Earth run from -12:00 to +14:00; "+99:99" would parse to NaN.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/**
 * Milliseconds since the epoch. A string must carry its offset: without one,
 * JavaScript reads it in the server's zone, which silently shifts a deadline.
 * `what` names the field in the error message, e.g. "tiếp nhận".
 */
export function toEpochMs(instant: Instant, what: string): number {
  const ms = parseInstant(instant);
  if (ms === undefined) {
    throw new CalendarError(
      'INVALID_INSTANT',
      `Thời điểm ${what} không hợp lệ (${String(instant)}); nhập theo dạng ISO 8601 có múi giờ, ví dụ 2026-02-13T16:59:00+07:00.`,
    );
  }
  const year = yearOfDay(dayOfInstant(ms));
  if (!isSupportedYear(year)) {
    throw new CalendarError(
      'INVALID_INSTANT',
      `Thời điểm ${what} rơi vào năm ${year}, ngoài khoảng ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}; kiểm tra lại năm đã nhập.`,
    );
  }
  return ms;
}

function parseInstant(instant: Instant): number | undefined {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  const match = typeof instant === 'string' ? ISO_INSTANT.exec(instant) : null;
  if (!match || !dateExists(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? undefined : ms;
}
