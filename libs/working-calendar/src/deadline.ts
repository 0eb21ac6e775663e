/**
 * Processing deadlines (hạn giải quyết) on a working calendar.
 *
 * Receipt. A dossier received on a day that is not worked, after the day's
 * last office session, or after the cut-off (default 15:00; exactly 15:00:00
 * is still in time) is deemed received on the next working day. One received
 * before opening or during the lunch break of a working day, up to the
 * cut-off, counts for that day. This applies to the day units only.
 *
 * Units of `dueAt`:
 * - working_days N ≥ 1: due at the end of office hours of the N-th working day
 *   after the (deemed) receipt day; N = 0 ("trong ngày"): the end of office
 *   hours of the (deemed) receipt day.
 * - days N: counted from the day after the receipt date (Civil Code 2015
 *   art. 147), so the receipt date plus N calendar days; if that date is not
 *   worked, the next working day (art. 148(2)); due at the end of its office
 *   hours. Whether the receipt date is the actual one or the one the cut-off
 *   deems is the province's choice (CalendarDaysFrom; default the actual one).
 * - months N ("03 tháng"): the same day number N months after that receipt
 *   date, or the last day of the month when it has no such day (art. 148(1)(c));
 *   then as days: the next working day if it is not worked, end of office hours.
 * - working_hours N: the instant at which N hours of office time have passed
 *   since the receipt instant itself (no cut-off); the earliest such instant,
 *   so time that runs out at 11:30 is due at 11:30, not at 13:30. N = 0 is the
 *   first office instant from the receipt: received on a Saturday, Monday 07:30.
 * - hours N: the receipt instant plus N hours of wall-clock time.
 * Day and month units take whole numbers; hour units may be fractional (to the millisecond).
 *
 * "End of office hours" is the end of the day's last session: 17:00 normally,
 * 11:30 on a Saturday-morning day.
 *
 * Pauses (tạm dừng) move the due instant later by the office time they cover
 * while the limit is running: overlapping pauses count once, time outside
 * office hours counts for nothing, time before counting starts (before receipt;
 * for day and month units, the receipt day itself, which the limit does not
 * count) is clipped, and a pause that starts once the (already moved) due
 * instant has passed moves nothing: it cannot make a late dossier on time. A
 * pause running over the due instant counts whole: the time left when it began
 * is still left when it ends. Extensions (gia hạn) add a duration to a due instant as `dueAt`
 * adds one to a receipt, without the receipt rule: working_days N ends at the
 * end of office hours of the N-th working day after the due date, and a zero
 * extension leaves the due instant unchanged.
 */
import { WorkingCalendar, officeSessions } from './calendar';
import { CalendarError } from './errors';
import { HOUR_MS, Instant, addMonths, dayOfInstant, formatInstant, startOfDay, toEpochMs } from './dates';

export type DurationUnit = 'working_days' | 'days' | 'months' | 'working_hours' | 'hours';

export interface Duration {
  readonly value: number;
  readonly unit: DurationUnit;
}

export interface Pause {
  readonly start: Instant;
  readonly end: Instant;
}

// Anything longer is a typing error (10000 days, hours entered as days), not a real time limit.
const UNITS: Readonly<Record<DurationUnit, { readonly name: string; readonly max: number; readonly whole: boolean }>> = {
  working_days: { name: 'ngày làm việc', max: 3650, whole: true },
  days: { name: 'ngày', max: 3650, whole: true },
  months: { name: 'tháng', max: 120, whole: true },
  working_hours: { name: 'giờ làm việc', max: 29_200, whole: false },
  hours: { name: 'giờ', max: 87_600, whole: false },
};

/** The due instant of a limit counted from a receipt, moved by the pauses that fall while it runs. */
export function dueAt(receivedAt: Instant, duration: Duration, calendar: WorkingCalendar, pauses: readonly Pause[] = []): Date {
  const received = toEpochMs(receivedAt, 'tiếp nhận');
  checkDuration(duration);
  const intervals = pauseIntervals(pauses);
  const due = dueWithoutPauses(received, duration, calendar);
  return new Date(intervals.length > 0 ? movedByPauses(due, intervals, countingStart(received, duration, calendar), calendar) : due);
}

function dueWithoutPauses(received: number, duration: Duration, calendar: WorkingCalendar): number {
  switch (duration.unit) {
    case 'hours':
      return received + Math.round(duration.value * HOUR_MS);
    case 'working_hours':
      return duration.value === 0 ? firstOfficeInstant(received, calendar) : addWorkingTime(received, Math.round(duration.value * HOUR_MS), calendar);
    case 'working_days':
      return dueOnDays(deemedReceiptDay(received, calendar), duration, calendar);
    case 'days':
    case 'months':
      return dueOnDays(calendarCountDay(received, calendar), duration, calendar);
  }
}

/**
 * Where the limit of a dossier received at `received` starts running, for callers that move its due
 * instant later (a supplement's pause on the day of receipt is not the agency's time and moves nothing).
 */
export function countingStartsAt(received: Instant, duration: Duration, calendar: WorkingCalendar): Date {
  checkDuration(duration);
  return new Date(countingStart(toEpochMs(received, 'thời điểm tiếp nhận'), duration, calendar));
}

/** Where the limit starts running: time before it is not the agency's, so a pause there moves nothing. */
function countingStart(received: number, duration: Duration, calendar: WorkingCalendar): number {
  switch (duration.unit) {
    case 'hours':
    case 'working_hours':
      return received;
    case 'working_days':
      // "Trong ngày" runs on the deemed receipt day itself; otherwise counting starts the next day.
      return duration.value === 0
        ? Math.max(received, startOfDay(deemedReceiptDay(received, calendar)))
        : startOfDay(deemedReceiptDay(received, calendar) + 1);
    case 'days':
    case 'months':
      return startOfDay(calendarCountDay(received, calendar) + 1);
  }
}

export function extendBy(due: Instant, duration: Duration, calendar: WorkingCalendar): Date {
  const dueMs = toEpochMs(due, 'hạn giải quyết');
  checkDuration(duration);
  if (duration.value === 0) return new Date(dueMs);
  switch (duration.unit) {
    case 'hours':
      return new Date(dueMs + Math.round(duration.value * HOUR_MS));
    case 'working_hours':
      return new Date(addWorkingTime(dueMs, Math.round(duration.value * HOUR_MS), calendar));
    case 'working_days':
    case 'days':
    case 'months':
      return new Date(dueOnDays(dayOfInstant(dueMs), duration, calendar));
  }
}

/** Office time between two instants, in milliseconds; negative when `to` is before `from`. */
export function workingTimeBetween(from: Instant, to: Instant, calendar: WorkingCalendar): number {
  const fromMs = toEpochMs(from, 'bắt đầu');
  const toMs = toEpochMs(to, 'kết thúc');
  return toMs >= fromMs ? officeTimeWithin(fromMs, toMs, calendar) : -officeTimeWithin(toMs, fromMs, calendar);
}

export function extendForPause(due: Instant, pauseStart: Instant, pauseEnd: Instant, calendar: WorkingCalendar, countingFrom?: Instant): Date {
  return extendForPauses(due, [{ start: pauseStart, end: pauseEnd }], calendar, countingFrom);
}

/**
 * A due instant already computed, moved by pauses. `countingFrom` is where the
 * limit started running (see dueAt, which knows it from the receipt and the
 * unit); left out, only the pause's own start bounds it, which is right for a
 * pause recorded while the dossier was being handled.
 */
export function extendForPauses(due: Instant, pauses: readonly Pause[], calendar: WorkingCalendar, countingFrom?: Instant): Date {
  const dueMs = toEpochMs(due, 'hạn giải quyết');
  const from = countingFrom === undefined ? -Infinity : toEpochMs(countingFrom, 'bắt đầu tính hạn');
  return new Date(movedByPauses(dueMs, pauseIntervals(pauses), from, calendar));
}

/** Pauses checked, sorted and merged, so overlapping ones count once. */
function pauseIntervals(pauses: readonly Pause[]): { start: number; end: number }[] {
  const intervals = pauses
    .map((pause) => {
      const start = toEpochMs(pause.start, 'bắt đầu tạm dừng');
      const end = toEpochMs(pause.end, 'kết thúc tạm dừng');
      if (end < start) {
        throw new CalendarError(
          'INVALID_INSTANT',
          `Thời điểm kết thúc tạm dừng (${formatInstant(end)}) trước thời điểm bắt đầu (${formatInstant(start)}); kiểm tra lại hai thời điểm này.`,
        );
      }
      return { start, end };
    })
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

function movedByPauses(dueMs: number, intervals: readonly { start: number; end: number }[], countingFrom: number, calendar: WorkingCalendar): number {
  let due = dueMs;
  for (const { start, end } of intervals) {
    const from = Math.max(start, countingFrom);
    // Sorted by start, so every later pause also begins after the due instant.
    if (from >= due) break;
    if (end > from) due = addWorkingTime(due, officeTimeWithin(from, end, calendar), calendar);
  }
  return due;
}

function checkDuration(duration: Duration): void {
  const { value, unit } = duration;
  const rules = Object.hasOwn(UNITS, unit) ? UNITS[unit] : undefined;
  if (rules === undefined) {
    throw invalidDuration(
      `Đơn vị thời hạn "${String(unit)}" không hợp lệ; dùng working_days (ngày làm việc), days (ngày), months (tháng), working_hours (giờ làm việc) hoặc hours (giờ).`,
    );
  }
  const shown = `${String(value).replace('.', ',')} ${rules.name}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidDuration(`Thời hạn phải là một số (nhận được ${String(value)}); kiểm tra lại thời hạn giải quyết của thủ tục.`);
  }
  if (value < 0) throw invalidDuration(`Thời hạn không được âm (nhận được ${shown}).`);
  if (rules.whole && !Number.isInteger(value)) {
    throw invalidDuration(`Thời hạn tính theo ${rules.name} phải là số nguyên (nhận được ${shown}); nếu cần lẻ ngày, tính theo giờ làm việc.`);
  }
  if (value > rules.max) {
    throw invalidDuration(`Thời hạn ${shown} vượt quá mức tối đa ${rules.max} ${rules.name}; kiểm tra lại giá trị và đơn vị đã nhập.`);
  }
}

function invalidDuration(message: string): CalendarError {
  return new CalendarError('INVALID_DURATION', message);
}

function deemedReceiptDay(received: number, calendar: WorkingCalendar): number {
  const day = dayOfInstant(received);
  const sessions = officeSessions(calendar, day);
  const lastSession = sessions[sessions.length - 1];
  const inTime = lastSession !== undefined && received - startOfDay(day) <= Math.min(calendar.cutOffMs, lastSession.endMs);
  return inTime ? day : nextWorkingDay(day, calendar);
}

/** The receipt date a limit in calendar days or months counts from, as the province has chosen. */
function calendarCountDay(received: number, calendar: WorkingCalendar): number {
  return calendar.calendarDaysFrom === 'deemed_receipt' ? deemedReceiptDay(received, calendar) : dayOfInstant(received);
}

function dueOnDays(fromDay: number, duration: Duration, calendar: WorkingCalendar): number {
  let day = fromDay;
  if (duration.unit === 'working_days') {
    for (let counted = 0; counted < duration.value; counted++) day = nextWorkingDay(day, calendar);
  } else {
    day = duration.unit === 'months' ? addMonths(fromDay, duration.value) : fromDay + duration.value;
    if (!isWorkingDay(day, calendar)) day = nextWorkingDay(day, calendar);
  }
  const sessions = officeSessions(calendar, day);
  return startOfDay(day) + sessions[sessions.length - 1].endMs;
}

function isWorkingDay(day: number, calendar: WorkingCalendar): boolean {
  return officeSessions(calendar, day).length > 0;
}

// Terminates: createCalendar guarantees at least one worked weekday, and holidays are finite.
function nextWorkingDay(day: number, calendar: WorkingCalendar): number {
  let next = day + 1;
  while (!isWorkingDay(next, calendar)) next++;
  return next;
}

/** The first instant at or after `from` at which office time is running. */
function firstOfficeInstant(from: number, calendar: WorkingCalendar): number {
  for (let day = dayOfInstant(from); ; day++) {
    for (const session of officeSessions(calendar, day)) {
      if (startOfDay(day) + session.endMs > from) return Math.max(startOfDay(day) + session.startMs, from);
    }
  }
}

/** The earliest instant at or after `from` by which `amount` ms of office time have passed. */
function addWorkingTime(from: number, amount: number, calendar: WorkingCalendar): number {
  if (amount === 0) return from;
  let remaining = amount;
  for (let day = dayOfInstant(from); ; day++) {
    for (const session of officeSessions(calendar, day)) {
      const start = Math.max(startOfDay(day) + session.startMs, from);
      const end = startOfDay(day) + session.endMs;
      if (end <= start) continue;
      if (end - start >= remaining) return start + remaining;
      remaining -= end - start;
    }
  }
}

function officeTimeWithin(from: number, to: number, calendar: WorkingCalendar): number {
  let total = 0;
  for (let day = dayOfInstant(from); startOfDay(day) < to; day++) {
    for (const session of officeSessions(calendar, day)) {
      const overlap = Math.min(startOfDay(day) + session.endMs, to) - Math.max(startOfDay(day) + session.startMs, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}
