// Vietnam keeps UTC+7 all year, so a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const parts = (instant: Date | string) => {
  const local = new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString();
  return { year: local.slice(0, 4), month: local.slice(5, 7), day: local.slice(8, 10), hour: local.slice(11, 13), minute: local.slice(14, 16) };
};

/** dd/mm/yyyy in Vietnam time. */
export function vnDate(instant: Date | string): string {
  const { day, month, year } = parts(instant);
  return `${day}/${month}/${year}`;
}

/** "09 giờ 00 phút, ngày 12/02/2026", as the forms write a time. */
export function vnTime(instant: Date | string): string {
  const { hour, minute } = parts(instant);
  return `${hour} giờ ${minute} phút, ngày ${vnDate(instant)}`;
}

/** hh:mm dd/mm/yyyy, for the narrow columns of a table. */
export function vnShortTime(instant: Date | string): string {
  const { hour, minute } = parts(instant);
  return `${hour}:${minute} ${vnDate(instant)}`;
}

/**
 * "Lạng Sơn, ngày 07 tháng 12 năm 2026": NĐ 30/2020 writes a day below 10 and
 * the months January and February with a leading zero, the other months without.
 */
export function placeAndDate(place: string, instant: Date | string): string {
  const { day, month, year } = parts(instant);
  const monthNumber = Number(month);
  return `${place}, ngày ${day} tháng ${monthNumber < 3 ? month : String(monthNumber)} năm ${year}`;
}
