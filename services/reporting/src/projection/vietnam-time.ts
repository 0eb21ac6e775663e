// Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact.
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

const local = (instant: Date | string) => new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString();

/** yyyy-mm-dd of the Vietnamese calendar day the instant falls on. */
export const vietnamDay = (instant: Date | string): string => local(instant).slice(0, 10);

/** 00:00 in Vietnam of a yyyy-mm-dd day, as an instant. */
export const startOfVietnamDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS);

/** The yyyy-mm-dd day after `day`. */
export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to`, both yyyy-mm-dd. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** dd/mm/yyyy of a yyyy-mm-dd day. */
export const displayDay = (day: string): string => {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
};

/** dd/mm/yyyy in Vietnam time. */
export const displayDate = (instant: Date | string): string => displayDay(vietnamDay(instant));

/** hh:mm dd/mm/yyyy in Vietnam time, as the official forms write an instant. */
export const displayInstant = (instant: Date | string): string => `${local(instant).slice(11, 16)} ${displayDate(instant)}`;
