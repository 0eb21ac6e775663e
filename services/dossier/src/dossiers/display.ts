import { formatVietnamDate, formatVietnamDateTime, vietnamDate } from '@mc/working-calendar';

/** dd/mm/yyyy in Vietnam time. */
export const displayDate = formatVietnamDate;

/** hh:mm dd/mm/yyyy in Vietnam time. */
export const displayInstant = formatVietnamDateTime;

/** yymmdd of the Vietnamese day, for the dossier code. */
export function vietnamDayCode(instant: Date): { day: string; yymmdd: string } {
  const day = vietnamDate(instant);
  return { day, yymmdd: day.slice(2).replace(/-/g, '') };
}

export const sameVietnamDay = (a: Date, b: Date): boolean => vietnamDate(a) === vietnamDate(b);

const UNIT_NAMES: Record<string, string> = {
  working_days: 'ngày làm việc',
  days: 'ngày',
  months: 'tháng',
  working_hours: 'giờ làm việc',
  hours: 'giờ',
};

export function displayDuration(value: number, unit: string): string {
  if (unit === 'working_days' && value === 0) return 'trong ngày';
  return `${value} ${UNIT_NAMES[unit] ?? unit}`;
}
