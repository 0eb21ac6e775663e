import { nextDay } from '../read-models/days';

export type TimeGrouping = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const TIME_GROUPINGS: readonly string[] = ['day', 'week', 'month', 'quarter', 'year'];

const ROMAN = ['I', 'II', 'III', 'IV'];

/** ISO week-numbering year and week of a yyyy-mm-dd day (weeks start on Monday, as in Vietnam). */
function isoWeek(day: string): { year: number; week: number } {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { year, week };
}

/** The bucket key of a day; the same keys the SQL of the report produces. */
export function periodKey(grouping: TimeGrouping, day: string): string {
  switch (grouping) {
    case 'day':
      return day;
    case 'week': {
      const { year, week } = isoWeek(day);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return day.slice(0, 4);
  }
}

/** SQL of the same key for a `date` expression. */
export function periodKeySql(grouping: TimeGrouping, column: string): string {
  switch (grouping) {
    case 'day':
      return `to_char(${column}, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(${column}, 'IYYY-"W"IW')`;
    case 'month':
      return `to_char(${column}, 'YYYY-MM')`;
    case 'quarter':
      return `to_char(${column}, 'YYYY-"Q"Q')`;
    case 'year':
      return `to_char(${column}, 'YYYY')`;
  }
}

/** "12/02/2026", "Tuần 05/2026", "Tháng 02/2026", "Quý I/2026", "Năm 2026". */
export function periodLabel(grouping: TimeGrouping, key: string): string {
  switch (grouping) {
    case 'day':
      return `${key.slice(8, 10)}/${key.slice(5, 7)}/${key.slice(0, 4)}`;
    case 'week':
      return `Tuần ${key.slice(6)}/${key.slice(0, 4)}`;
    case 'month':
      return `Tháng ${key.slice(5, 7)}/${key.slice(0, 4)}`;
    case 'quarter':
      return `Quý ${ROMAN[Number(key.slice(6)) - 1]}/${key.slice(0, 4)}`;
    case 'year':
      return `Năm ${key}`;
  }
}

export interface PeriodBucket {
  key: string;
  /** First day of the bucket inside the report's period. */
  firstDay: string;
  /** The day after the bucket's last day inside the period. */
  endDay: string;
}

/** The buckets of [from, to], clipped to it: a report from 15/01 grouped by month starts its January on 15/01. */
export function periodBuckets(grouping: TimeGrouping, from: string, to: string): PeriodBucket[] {
  const buckets: PeriodBucket[] = [];
  for (let day = from; day <= to; day = nextDay(day)) {
    const key = periodKey(grouping, day);
    const last = buckets[buckets.length - 1];
    if (last && last.key === key) last.endDay = nextDay(day);
    else buckets.push({ key, firstDay: day, endDay: nextDay(day) });
  }
  return buckets;
}

export interface CounterRange {
  table: 'daily_stats' | 'monthly_stats';
  column: 'day' | 'month';
  from: string;
  /** The first day after the range. */
  until: string;
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
const firstOfNextMonth = (day: string) => {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
};

/** [from, to] as the whole months inside it, read from the month counters, and the days around them. */
export function counterRanges(from: string, to: string): CounterRange[] {
  const until = nextDay(to);
  const wholeFrom = from === firstOfMonth(from) ? from : firstOfNextMonth(from);
  const wholeUntil = firstOfMonth(until);
  if (wholeFrom >= wholeUntil) return [{ table: 'daily_stats', column: 'day', from, until }];
  return [
    { table: 'daily_stats', column: 'day', from, until: wholeFrom } as const,
    { table: 'monthly_stats', column: 'month', from: wholeFrom, until: wholeUntil } as const,
    { table: 'daily_stats', column: 'day', from: wholeUntil, until } as const,
  ].filter((range) => range.from < range.until);
}
