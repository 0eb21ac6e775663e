/**
 * A first draft of a year's public holidays under Labour Code 2019, Art. 112,
 * for an administrator to review against the schedule the Government
 * announces (which may move days and swap working days) before it goes into a
 * calendar. Weekly days off are Saturday and Sunday, as for public servants.
 */
import { CalendarError } from './errors';
import {
  FIRST_SUPPORTED_YEAR,
  IsoDate,
  LAST_SUPPORTED_YEAR,
  dayFromParts,
  isSupportedYear,
  isoDateOf,
  weekdayOf,
} from './dates';
import { lunarToDay } from './lunar';

const SUNDAY = 0;
const THURSDAY = 4;
const SATURDAY = 6;

export interface ProposedHoliday {
  readonly date: IsoDate;
  /** Vietnamese, shown to the administrator reviewing the proposal. */
  readonly name: string;
}

export function proposeHolidays(year: number): ProposedHoliday[] {
  if (!isSupportedYear(year)) {
    throw new CalendarError(
      'INVALID_INSTANT',
      `Năm ${year} không hợp lệ; chỉ đề xuất được lịch nghỉ cho các năm ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}.`,
    );
  }
  const statutory = new Map<number, string>();
  // Two holidays on one date give one day off: Art. 112 grants no extra day for that.
  const add = (day: number, name: string) => {
    if (!statutory.has(day)) statutory.set(day, name);
  };
  const lunarDay = (month: number, day: number) => lunarToDay({ year, month, day, leapMonth: false });

  add(dayFromParts(year, 1, 1), 'Tết Dương lịch');
  const tet = lunarDay(1, 1);
  // The last day of the lunar year is the 29th or the 30th of month 12, whichever ends it.
  add(tet - 1, 'Tết Nguyên đán (ngày cuối năm âm lịch)');
  for (let offset = 0; offset < 4; offset++) add(tet + offset, `Tết Nguyên đán (mùng ${offset + 1})`);
  add(lunarDay(3, 10), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  add(dayFromParts(year, 4, 30), 'Ngày Chiến thắng (30/4)');
  add(dayFromParts(year, 5, 1), 'Ngày Quốc tế Lao động (1/5)');
  const nationalDay = dayFromParts(year, 9, 2);
  add(nationalDay, 'Quốc khánh (2/9)');
  // The law leaves 1/9 or 3/9 to the Government. 3/9 joins the weekend only when
  // 2/9 is a Thursday; on any other weekday 1/9 gives a break at least as long.
  add(weekdayOf(nationalDay) === THURSDAY ? nationalDay + 1 : nationalDay - 1, 'Quốc khánh (ngày liền kề)');

  const daysOff = new Map(statutory);
  for (const [day, name] of [...statutory].sort(([a], [b]) => a - b)) {
    if (!isWeekend(day)) continue;
    let compensatory = day + 1;
    while (isWeekend(compensatory) || daysOff.has(compensatory)) compensatory++;
    daysOff.set(compensatory, `Nghỉ bù ${name}`);
  }
  return [...daysOff].sort(([a], [b]) => a - b).map(([day, name]) => ({ date: isoDateOf(day), name }));
}

function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === SATURDAY || weekday === SUNDAY;
}
