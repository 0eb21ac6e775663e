export { CalendarError } from './errors';
export type { CalendarErrorCode } from './errors';
export type { Instant, IsoDate } from './dates';
export { solarToLunar, lunarToSolar } from './lunar';
export type { LunarDate } from './lunar';
export { proposeHolidays } from './holidays';
export type { ProposedHoliday } from './holidays';
export { CALENDAR_DAYS_FROM, DEFAULT_CALENDAR_CONFIG, SATURDAY_MORNING_HOURS, STANDARD_OFFICE_HOURS, classifyDay, createCalendar } from './calendar';
export type { CalendarConfig, CalendarDaysFrom, CalendarOverride, DayClassification, DayKind, OfficeSession, Weekday, WorkingCalendar } from './calendar';
export { countingStartsAt, dueAt, extendBy, extendForPause, extendForPauses, workingTimeBetween } from './deadline';
export type { Duration, DurationUnit, Pause } from './deadline';
export {
  formatVietnamDate,
  formatVietnamDateTime,
  formatVietnamTime,
  startOfVietnamDay,
  vietnamDate,
  vietnamIso,
  vietnamParts,
  vietnamYear,
} from './vietnam-time';
export type { VietnamInstant, VietnamParts } from './vietnam-time';
