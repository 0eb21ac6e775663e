import { formatVietnamDate, vietnamParts } from '@mc/working-calendar';

/** "09 giờ 00 phút, ngày 12/02/2026", as the forms write a time. */
export function vnTime(instant: Date | string): string {
  const { hour, minute } = vietnamParts(instant);
  return `${hour} giờ ${minute} phút, ngày ${formatVietnamDate(instant)}`;
}

/**
 * "Lạng Sơn, ngày 07 tháng 12 năm 2026": NĐ 30/2020 writes a day below 10 and
 * the months January and February with a leading zero, the other months without.
 */
export function placeAndDate(place: string, instant: Date | string): string {
  const { day, month, year } = vietnamParts(instant);
  const monthNumber = Number(month);
  return `${place}, ngày ${day} tháng ${monthNumber < 3 ? month : String(monthNumber)} năm ${year}`;
}
