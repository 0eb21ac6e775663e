const VIETNAM = { timeZone: 'Asia/Ho_Chi_Minh', hour12: false } as const;

/** hh:mm dd/mm/yyyy in Vietnam time, as a clerk reads it. */
export function displayInstant(instant: Date | string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { ...VIETNAM, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

/** dd/mm/yyyy of a YYYY-MM-DD day. */
export const displayDay = (day: string) => day.split('-').reverse().join('/');

/** The Vietnam calendar day of an instant, YYYY-MM-DD. */
export const vietnamDay = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
