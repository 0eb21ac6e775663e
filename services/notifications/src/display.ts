const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const parts = (instant: Date | string) => new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString();

/** dd/mm/yyyy of an instant, in Vietnam time. */
export function displayDate(instant: Date | string): string {
  const iso = parts(instant);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** hh:mm dd/mm/yyyy of an instant, in Vietnam time. */
export const displayInstant = (instant: Date | string): string => `${parts(instant).slice(11, 16)} ${displayDate(instant)}`;

/** dd/mm/yyyy of a YYYY-MM-DD day. */
export const displayDay = (day: string) => day.split('-').reverse().join('/');
