/**
 * The Vietnamese lunar calendar (âm lịch), computed astronomically for UTC+7
 * with Hồ Ngọc Đức's algorithm. A lunar month starts on the local day of a new
 * moon; month 11 is the one holding the winter solstice; in a year with 13
 * months, the leap month is the first one without a major solar term. Because
 * the new moon is placed in UTC+7 and not in China's UTC+8, Vietnam's Tết
 * differs from the Chinese New Year in some years (1985, 2007).
 */
import { CalendarError } from './errors';
import { FIRST_SUPPORTED_YEAR, IsoDate, LAST_SUPPORTED_YEAR, dayFromParts, isSupportedYear, isoDateOf, parseIsoDate, yearOfDay } from './dates';

export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** True for the repeated month (tháng nhuận) of a 13-month year. */
  readonly leapMonth: boolean;
}

const TIME_ZONE_DAYS = 7 / 24;
const JULIAN_DAY_OF_UNIX_EPOCH = 2_440_588;
const SYNODIC_MONTH_DAYS = 29.530588853;
// Julian date of the new moon numbered 0 in the series below (1900-01-01).
const NEW_MOON_ZERO = 2_415_021.076998695;
const RADIANS_PER_DEGREE = Math.PI / 180;

/** Julian date of the k-th new moon after 1900-01-01 (Meeus, Astronomical Algorithms). */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const sin = (degrees: number) => Math.sin(degrees * RADIANS_PER_DEGREE);
  const meanNewMoon =
    2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 + 0.00033 * sin(166.56 + 132.87 * t - 0.009173 * t2);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const correction =
    (0.1734 - 0.000393 * t) * sin(sunAnomaly) +
    0.0021 * sin(2 * sunAnomaly) -
    0.4068 * sin(moonAnomaly) +
    0.0161 * sin(2 * moonAnomaly) -
    0.0004 * sin(3 * moonAnomaly) +
    0.0104 * sin(2 * moonLatitude) -
    0.0051 * sin(sunAnomaly + moonAnomaly) -
    0.0074 * sin(sunAnomaly - moonAnomaly) +
    0.0004 * sin(2 * moonLatitude + sunAnomaly) -
    0.0004 * sin(2 * moonLatitude - sunAnomaly) -
    0.0006 * sin(2 * moonLatitude + moonAnomaly) +
    0.001 * sin(2 * moonLatitude - moonAnomaly) +
    0.0005 * sin(2 * moonAnomaly + sunAnomaly);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return meanNewMoon + correction - deltaT;
}

/** The Sun's apparent longitude at a Julian date, in radians within [0, 2π). */
function sunLongitude(julianDate: number): number {
  const t = (julianDate - 2_451_545) / 36_525;
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RADIANS_PER_DEGREE;
  const meanLongitude = 280.46645 + 36_000.76983 * t + 0.0003032 * t2;
  const equationOfCentre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (meanLongitude + equationOfCentre) * RADIANS_PER_DEGREE;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** Julian day number of the local (UTC+7) day on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE_DAYS);
}

/** Which 30° sector (0–11) of the ecliptic the Sun is in at the start of a local day. */
function solarTermSector(julianDay: number): number {
  return Math.floor((sunLongitude(julianDay - 0.5 - TIME_ZONE_DAYS) / Math.PI) * 6);
}

/** Julian day number on which lunar month 11 of a lunar year starts: the month holding the winter solstice. */
function month11Start(year: number): number {
  const k = Math.floor((julianDayOf(dayFromParts(year, 12, 31)) - 2_415_021) / SYNODIC_MONTH_DAYS);
  const start = newMoonDay(k);
  // Sector 9 starts at 270°, the winter solstice: a month starting after it is month 12.
  return solarTermSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

function newMoonIndex(julianDay: number): number {
  return Math.floor((julianDay - NEW_MOON_ZERO) / SYNODIC_MONTH_DAYS + 0.5);
}

/** Months after month 11 at which the leap month falls, in a 13-month span starting at `start11`. */
function leapMonthOffset(start11: number): number {
  const k = newMoonIndex(start11);
  let offset = 1;
  let sector = solarTermSector(newMoonDay(k + offset));
  let previous: number;
  do {
    previous = sector;
    offset++;
    sector = solarTermSector(newMoonDay(k + offset));
  } while (sector !== previous && offset < 14);
  return offset - 1;
}

function julianDayOf(day: number): number {
  return day + JULIAN_DAY_OF_UNIX_EPOCH;
}

export function solarToLunar(date: IsoDate): LunarDate {
  const day = parseIsoDate(date);
  if (day === undefined) {
    throw new CalendarError(
      'INVALID_INSTANT',
      `Ngày dương lịch "${date}" không hợp lệ; nhập theo dạng YYYY-MM-DD trong khoảng năm ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}.`,
    );
  }
  const julianDay = julianDayOf(day);
  const year = yearOfDay(day);
  // The mean-month estimate can land one new moon either side of the true one.
  let k = Math.floor((julianDay - NEW_MOON_ZERO) / SYNODIC_MONTH_DAYS) + 1;
  while (newMoonDay(k) > julianDay) k--;
  const monthStart = newMoonDay(k);
  let start11 = month11Start(year);
  let next11 = start11;
  let lunarYear = year;
  if (start11 >= monthStart) {
    start11 = month11Start(year - 1);
  } else {
    lunarYear = year + 1;
    next11 = month11Start(year + 1);
  }
  const monthsAfter11 = Math.floor((monthStart - start11) / 29);
  let month = monthsAfter11 + 11;
  let leapMonth = false;
  if (next11 - start11 > 365) {
    const leapOffset = leapMonthOffset(start11);
    if (monthsAfter11 >= leapOffset) {
      month = monthsAfter11 + 10;
      leapMonth = monthsAfter11 === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && monthsAfter11 < 4) lunarYear -= 1;
  return { year: lunarYear, month, day: julianDay - monthStart + 1, leapMonth };
}

export function lunarToSolar(lunar: LunarDate): IsoDate {
  return isoDateOf(lunarToDay(lunar));
}

/** Day number (days since 1970-01-01) of a lunar date. */
export function lunarToDay(lunar: LunarDate): number {
  const { year, month, day, leapMonth } = lunar;
  const label = `${day}/${month}${leapMonth ? ' (nhuận)' : ''} âm lịch năm ${year}`;
  const invalid = (reason: string) => new CalendarError('INVALID_INSTANT', `Ngày ${label} không tồn tại: ${reason}.`);
  if (!isSupportedYear(year)) throw invalid(`chỉ hỗ trợ các năm ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw invalid('tháng phải từ 1 đến 12');
  if (!Number.isInteger(day) || day < 1 || day > 30) throw invalid('ngày phải từ 1 đến 30');

  const [start11, next11] = month < 11 ? [month11Start(year - 1), month11Start(year)] : [month11Start(year), month11Start(year + 1)];
  let offset = (month - 11 + 12) % 12;
  if (next11 - start11 > 365) {
    const leapOffset = leapMonthOffset(start11);
    // The leap month repeats the number of the month before it.
    const leapMonthNumber = ((leapOffset + 9) % 12) + 1;
    if (leapMonth && month !== leapMonthNumber) throw invalid(`năm này chỉ nhuận tháng ${leapMonthNumber}`);
    if (leapMonth || offset >= leapOffset) offset++;
  } else if (leapMonth) {
    throw invalid('năm này không có tháng nhuận');
  }
  const k = newMoonIndex(start11) + offset;
  const monthStart = newMoonDay(k);
  const monthLength = newMoonDay(k + 1) - monthStart;
  if (day > monthLength) throw invalid(`tháng này chỉ có ${monthLength} ngày`);
  return monthStart + day - 1 - JULIAN_DAY_OF_UNIX_EPOCH;
}
