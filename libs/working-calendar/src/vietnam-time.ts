import type { Instant, IsoDate } from './dates';

/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset converts exactly; no time-zone database is needed. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** An instant as a Date, an ISO 8601 string with its offset, or milliseconds since the epoch. */
export type VietnamInstant = Instant | number;

/** The wall clock in Vietnam at an instant, each part zero-padded as written on a form. */
export interface VietnamParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

// The instant shifted by the offset reads, in UTC, as Vietnam's wall clock.
const local = (instant: VietnamInstant): string => new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString();

export function vietnamParts(instant: VietnamInstant): VietnamParts {
  const text = local(instant);
  return { year: text.slice(0, 4), month: text.slice(5, 7), day: text.slice(8, 10), hour: text.slice(11, 13), minute: text.slice(14, 16) };
}

/** The Vietnamese calendar day an instant falls on, as YYYY-MM-DD. */
export const vietnamDate = (instant: VietnamInstant): IsoDate => local(instant).slice(0, 10);

export const vietnamYear = (instant: VietnamInstant): number => Number(local(instant).slice(0, 4));

/** 00:00 in Vietnam of a YYYY-MM-DD day. */
export const startOfVietnamDay = (date: IsoDate): Date => new Date(`${date}T00:00:00+07:00`);

/** "dd/mm/yyyy" in Vietnam time. */
export function formatVietnamDate(instant: VietnamInstant): string {
  const { year, month, day } = vietnamParts(instant);
  return `${day}/${month}/${year}`;
}

/** "HH:mm" in Vietnam time. */
export const formatVietnamTime = (instant: VietnamInstant): string => local(instant).slice(11, 16);

/** "HH:mm dd/mm/yyyy" in Vietnam time, as tables and notices write an instant; one conversion, not two (public tracking writes several per lookup). */
export function formatVietnamDateTime(instant: VietnamInstant): string {
  const text = local(instant);
  return `${text.slice(11, 16)} ${text.slice(8, 10)}/${text.slice(5, 7)}/${text.slice(0, 4)}`;
}

/** "2026-02-25T17:00:00+07:00"; milliseconds only when there are some. */
export function vietnamIso(instant: VietnamInstant): string {
  const text = local(instant);
  return `${text.endsWith('.000Z') ? text.slice(0, 19) : text.slice(0, 23)}+07:00`;
}
