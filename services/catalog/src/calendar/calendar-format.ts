import { AppError, type CalendarWeekday } from '@mc/contracts';
import { CalendarError, createCalendar, DEFAULT_CALENDAR_CONFIG, dueAt, vietnamYear, workingTimeBetween } from '@mc/working-calendar';

const DAY_MS = 86_400_000;

/**
 * The calendar library's refusals are the person's input being wrong (a
 * negative time limit, an instant without its offset, overlapping sessions):
 * a 400 with the library's own Vietnamese message, its code kept in details.
 */
export function withCalendarErrors<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CalendarError) throw new AppError('VALIDATION_FAILED', error.message, { reason: error.code });
    throw error;
  }
}

const ANY_CALENDAR = createCalendar(DEFAULT_CALENDAR_CONFIG);

/**
 * Milliseconds of an instant, checked by the library with its message for a
 * receipt (offset required, the date must exist). Needed before the calendar is
 * chosen, because the receipt's year decides which office hours apply.
 */
export function receiptMs(instant: string): number {
  return withCalendarErrors(() => dueAt(instant, { value: 0, unit: 'hours' }, ANY_CALENDAR)).getTime();
}

/** Both ends of an interval, checked by the library with its messages naming each end. */
export function intervalMs(from: string, to: string): { fromMs: number; toMs: number } {
  withCalendarErrors(() => workingTimeBetween(from, to, ANY_CALENDAR));
  return { fromMs: Date.parse(from), toMs: Date.parse(to) };
}

export function datesOfYear(year: number): string[] {
  const first = Date.UTC(year, 0, 1);
  const count = (Date.UTC(year + 1, 0, 1) - first) / DAY_MS;
  return Array.from({ length: count }, (_, index) => new Date(first + index * DAY_MS).toISOString().slice(0, 10));
}

// Date.getUTCDay order, Sunday first.
const BY_UTC_DAY: readonly CalendarWeekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_NAMES: Readonly<Record<CalendarWeekday, string>> = {
  mon: 'thứ Hai',
  tue: 'thứ Ba',
  wed: 'thứ Tư',
  thu: 'thứ Năm',
  fri: 'thứ Sáu',
  sat: 'thứ Bảy',
  sun: 'Chủ nhật',
};

export const weekdayOf = (date: string): CalendarWeekday => BY_UTC_DAY[new Date(`${date}T00:00:00Z`).getUTCDay()];
export const weekdayName = (date: string): string => WEEKDAY_NAMES[weekdayOf(date)];

/** "12 giờ 30 phút", to the minute; "âm …" when the interval runs backwards. */
export function hoursDisplay(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  const text = hours === 0 ? `${minutes % 60} phút` : `${hours} giờ ${minutes % 60} phút`;
  return ms < 0 && minutes > 0 ? `âm ${text}` : text;
}

/** Every year from the one of `fromMs` to the one of `toMs`, in order, whichever comes first. */
export function yearsBetween(fromMs: number, toMs: number): number[] {
  const [first, last] = [vietnamYear(Math.min(fromMs, toMs)), vietnamYear(Math.max(fromMs, toMs))];
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}
