const DAY_MS = 86_400_000;

/** The yyyy-mm-dd day after `day`. */
export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to`, both yyyy-mm-dd. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** dd/mm/yyyy of a yyyy-mm-dd day. */
export const displayDay = (day: string): string => {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
};
