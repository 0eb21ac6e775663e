// Vietnam keeps UTC+7 all year, so a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const local = (instant: Date | string) => new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString();

/** dd/mm/yyyy in Vietnam time. */
export function displayDate(instant: Date | string): string {
  const [year, month, day] = local(instant).slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** hh:mm dd/mm/yyyy in Vietnam time. */
export function displayInstant(instant: Date | string): string {
  return `${local(instant).slice(11, 16)} ${displayDate(instant)}`;
}

/** yymmdd of the Vietnamese day, for the dossier code. */
export function vietnamDayCode(instant: Date): { day: string; yymmdd: string } {
  const day = local(instant).slice(0, 10);
  return { day, yymmdd: day.slice(2).replace(/-/g, '') };
}

export const sameVietnamDay = (a: Date, b: Date): boolean => local(a).slice(0, 10) === local(b).slice(0, 10);

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
