/**
 * A working calendar: which dates are worked and during which hours. The
 * province sets one; a unit (e.g. a centre open on Saturday mornings) may
 * override parts of it. Holidays and swapped working days are the schedule the
 * Government announces each year, entered by an administrator (see
 * proposeHolidays for a starting point), so the calendar takes them as plain
 * lists and never derives them itself.
 */
import { CalendarError } from './errors';
import { IsoDate, MINUTE_MS, formatDay, formatTimeOfDay, parseIsoDate, weekdayOf } from './dates';

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

/**
 * The day a limit in calendar days or months counts from, a province setting.
 *
 * - `receipt` (the default): the day the dossier was actually received. Civil
 *   Code 2015 art. 147(1) excludes the day of the event and counts from the
 *   next day; the event is the receipt, and no law moves it. Received Friday
 *   13/02/2026 at 16:00 or at 14:00, 10 days end on Monday 23/02 either way.
 * - `deemed_receipt`: the day the 15:00 cut-off deems it received, as for
 *   working days. The cut-off is provincial practice for same-day procedures
 *   (legal brief §3, unverified as law); a province that extends it to calendar
 *   days chooses this. Received 13/02/2026 at 16:00 before Tết, the deemed day
 *   is Monday 23/02 and 10 days end on Thursday 05/03.
 */
export type CalendarDaysFrom = 'receipt' | 'deemed_receipt';
export const CALENDAR_DAYS_FROM: readonly CalendarDaysFrom[] = ['receipt', 'deemed_receipt'];

/** One block of office time on a day, as "HH:mm" local time. */
export interface OfficeSession {
  readonly start: string;
  readonly end: string;
}

export interface CalendarConfig {
  /** Office hours of each weekday that is worked; a weekday left out is a weekly day off. */
  readonly weeklyHours: Readonly<Partial<Record<Weekday, readonly OfficeSession[]>>>;
  /** Office hours of a normal working day, used on swapped working days. */
  readonly standardHours: readonly OfficeSession[];
  /** Dates off: public holidays, compensatory days and days swapped away. */
  readonly holidays: readonly IsoDate[];
  /** Dates normally off (usually a Saturday) that are worked with the standard hours. */
  readonly swappedWorkingDays: readonly IsoDate[];
  /** "HH:mm": a dossier received later on a working day counts from the next working day. */
  readonly cutOff: string;
  /** Left out: `receipt` (Civil Code art. 147). */
  readonly calendarDaysFrom?: CalendarDaysFrom;
}

/** A unit's differences from the province calendar; each field given replaces the province's whole field. */
export type CalendarOverride = Partial<CalendarConfig>;

export const STANDARD_OFFICE_HOURS: readonly OfficeSession[] = [
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export const SATURDAY_MORNING_HOURS: readonly OfficeSession[] = [{ start: '07:30', end: '11:30' }];

export const DEFAULT_CALENDAR_CONFIG: CalendarConfig = {
  weeklyHours: {
    mon: STANDARD_OFFICE_HOURS,
    tue: STANDARD_OFFICE_HOURS,
    wed: STANDARD_OFFICE_HOURS,
    thu: STANDARD_OFFICE_HOURS,
    fri: STANDARD_OFFICE_HOURS,
  },
  standardHours: STANDARD_OFFICE_HOURS,
  holidays: [],
  swappedWorkingDays: [],
  cutOff: '15:00',
  calendarDaysFrom: 'receipt',
};

/** Office time on a day, in milliseconds after local midnight. */
export interface Session {
  readonly startMs: number;
  readonly endMs: number;
}

/** A validated calendar, made by createCalendar; the deadline functions take it. */
export interface WorkingCalendar {
  /** Indexed by weekday, 0 = Sunday; empty for a weekly day off. */
  readonly weeklySessions: readonly (readonly Session[])[];
  readonly standardSessions: readonly Session[];
  readonly holidays: ReadonlySet<number>;
  readonly swappedWorkingDays: ReadonlySet<number>;
  readonly cutOffMs: number;
  readonly calendarDaysFrom: CalendarDaysFrom;
}

export type DayKind = 'working' | 'swapped_working' | 'weekly_rest' | 'holiday';

export interface DayClassification {
  readonly kind: DayKind;
  readonly officeHours: readonly OfficeSession[];
}

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  sun: 'Chủ nhật',
  mon: 'thứ Hai',
  tue: 'thứ Ba',
  wed: 'thứ Tư',
  thu: 'thứ Năm',
  fri: 'thứ Sáu',
  sat: 'thứ Bảy',
};

export function createCalendar(province: CalendarConfig, unitOverride: CalendarOverride = {}): WorkingCalendar {
  const weeklyHours = unitOverride.weeklyHours ?? province.weeklyHours;
  const unknownWeekday = Object.keys(weeklyHours).find((key) => !(WEEKDAYS as readonly string[]).includes(key));
  if (unknownWeekday !== undefined) {
    throw invalidCalendar(`Ngày trong tuần "${unknownWeekday}" không hợp lệ; dùng một trong: ${WEEKDAYS.join(', ')}.`);
  }
  const weeklySessions = WEEKDAYS.map((weekday) => {
    const hours = weeklyHours[weekday];
    return hours === undefined ? [] : parseSessions(hours, WEEKDAY_NAMES[weekday]);
  });
  if (weeklySessions.every((sessions) => sessions.length === 0)) {
    throw invalidCalendar('Lịch làm việc phải có ít nhất một ngày làm việc trong tuần.');
  }
  const holidays = parseDates(unitOverride.holidays ?? province.holidays, 'ngày nghỉ');
  const swappedWorkingDays = parseDates(unitOverride.swappedWorkingDays ?? province.swappedWorkingDays, 'ngày làm bù');
  const conflict = [...swappedWorkingDays].find((day) => holidays.has(day));
  if (conflict !== undefined) {
    throw invalidCalendar(`Ngày ${formatDay(conflict)} vừa là ngày nghỉ vừa là ngày làm bù; bỏ ngày này khỏi một trong hai danh sách.`);
  }
  return {
    weeklySessions,
    standardSessions: parseSessions(unitOverride.standardHours ?? province.standardHours, 'ngày làm việc thông thường'),
    holidays,
    swappedWorkingDays,
    cutOffMs: parseTimeOfDay(unitOverride.cutOff ?? province.cutOff, 'giờ chốt tiếp nhận'),
    calendarDaysFrom: parseCalendarDaysFrom(unitOverride.calendarDaysFrom ?? province.calendarDaysFrom ?? 'receipt'),
  };
}

/** Office sessions of a day number; empty when the day is not worked. */
export function officeSessions(calendar: WorkingCalendar, day: number): readonly Session[] {
  if (calendar.holidays.has(day)) return [];
  if (calendar.swappedWorkingDays.has(day)) return calendar.standardSessions;
  return calendar.weeklySessions[weekdayOf(day)];
}

export function classifyDay(calendar: WorkingCalendar, date: IsoDate): DayClassification {
  const day = parseIsoDate(date);
  if (day === undefined) {
    throw new CalendarError('INVALID_INSTANT', `Ngày "${date}" không hợp lệ; nhập theo dạng YYYY-MM-DD, ví dụ 2026-02-17.`);
  }
  const officeHours = officeSessions(calendar, day).map((session) => ({
    start: formatTimeOfDay(session.startMs),
    end: formatTimeOfDay(session.endMs),
  }));
  return { kind: kindOf(calendar, day), officeHours };
}

function kindOf(calendar: WorkingCalendar, day: number): DayKind {
  if (calendar.holidays.has(day)) return 'holiday';
  if (calendar.swappedWorkingDays.has(day)) return 'swapped_working';
  return calendar.weeklySessions[weekdayOf(day)].length > 0 ? 'working' : 'weekly_rest';
}

function parseSessions(hours: readonly OfficeSession[], dayName: string): Session[] {
  if (hours.length === 0) {
    throw invalidCalendar(`Chưa khai báo giờ làm việc cho ${dayName}; thêm ít nhất một ca hoặc bỏ ngày này khỏi lịch tuần.`);
  }
  const sessions = hours
    .map(({ start, end }) => {
      const session = {
        startMs: parseTimeOfDay(start, `giờ bắt đầu ca (${dayName})`),
        endMs: parseTimeOfDay(end, `giờ kết thúc ca (${dayName})`),
      };
      if (session.endMs <= session.startMs) {
        throw invalidCalendar(`Ca làm việc ${start}–${end} (${dayName}) không hợp lệ: giờ kết thúc phải sau giờ bắt đầu.`);
      }
      return session;
    })
    .sort((a, b) => a.startMs - b.startMs);
  sessions.forEach((session, index) => {
    const previous = sessions[index - 1];
    if (previous !== undefined && session.startMs < previous.endMs) {
      throw invalidCalendar(
        `Các ca làm việc ${formatSession(previous)} và ${formatSession(session)} (${dayName}) chồng lên nhau; sửa lại giờ của một trong hai ca.`,
      );
    }
  });
  return sessions;
}

function formatSession(session: Session): string {
  return `${formatTimeOfDay(session.startMs)}–${formatTimeOfDay(session.endMs)}`;
}

function parseTimeOfDay(text: string, what: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) throw invalidCalendar(`Giá trị "${text}" của ${what} không hợp lệ; nhập theo dạng HH:mm, ví dụ 07:30.`);
  return (Number(match[1]) * 60 + Number(match[2])) * MINUTE_MS;
}

function parseDates(dates: readonly IsoDate[], listName: string): Set<number> {
  return new Set(
    dates.map((date) => {
      const day = parseIsoDate(date);
      if (day === undefined) {
        throw invalidCalendar(`Ngày "${date}" trong danh sách ${listName} không hợp lệ; nhập theo dạng YYYY-MM-DD, ví dụ 2026-02-17.`);
      }
      return day;
    }),
  );
}

function parseCalendarDaysFrom(value: string): CalendarDaysFrom {
  const known = CALENDAR_DAYS_FROM.find((candidate) => candidate === value);
  if (known === undefined) {
    throw invalidCalendar(
      `Cách tính thời hạn theo ngày "${value}" không hợp lệ; dùng receipt (từ ngày tiếp nhận thực tế) hoặc deemed_receipt (từ ngày được coi là tiếp nhận sau giờ chốt).`,
    );
  }
  return known;
}

function invalidCalendar(message: string): CalendarError {
  return new CalendarError('INVALID_CALENDAR', message);
}
