import { CalendarError } from './errors';
import { lunarToSolar, solarToLunar } from './lunar';

const expectCalendarError = (action: () => unknown, code: string) => {
  expect(action).toThrow(CalendarError);
  expect(action).toThrow(expect.objectContaining({ code }));
};

describe('lunar calendar (UTC+7)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    // Vietnam's Tết; China's (UTC+8) fell on 20/02/1985 and 18/02/2007.
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
  ])('Tết %i falls on %s', (year, date) => {
    expect(lunarToSolar({ year, month: 1, day: 1, leapMonth: false })).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leapMonth: false });
  });

  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ (10/3) %i falls on %s', (year, date) => {
    expect(lunarToSolar({ year, month: 3, day: 10, leapMonth: false })).toBe(date);
  });

  it('dates the 2026 Tết break: 14/02 is 27 tháng Chạp, 16/02 the last day (29th) of the year, 22/02 mùng 6', () => {
    expect(solarToLunar('2026-02-14')).toEqual({ year: 2025, month: 12, day: 27, leapMonth: false });
    expect(solarToLunar('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leapMonth: false });
    expect(solarToLunar('2026-02-22')).toEqual({ year: 2026, month: 1, day: 6, leapMonth: false });
  });

  it('handles leap months: 2025 repeats month 6, 2023 repeats month 2', () => {
    expect(solarToLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leapMonth: true });
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leapMonth: true })).toBe('2025-07-25');
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leapMonth: false })).toBe('2025-06-25');
    expect(lunarToSolar({ year: 2025, month: 7, day: 1, leapMonth: false })).toBe('2025-08-23');
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leapMonth: true })).toBe('2023-03-22');
  });

  it('round-trips every day from 2000 to 2040', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2000, 0, 1); ms <= Date.UTC(2040, 11, 31); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      if (lunarToSolar(solarToLunar(date)) !== date) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['a leap month the year does not have', { year: 2025, month: 5, day: 1, leapMonth: true }],
    ['a leap month in a 12-month year', { year: 2026, month: 1, day: 1, leapMonth: true }],
    ['the 30th of a 29-day month', { year: 2025, month: 12, day: 30, leapMonth: false }],
    ['month 13', { year: 2026, month: 13, day: 1, leapMonth: false }],
    ['a year out of range', { year: 1800, month: 1, day: 1, leapMonth: false }],
  ])('rejects %s', (_, lunar) => {
    expectCalendarError(() => lunarToSolar(lunar), 'INVALID_INSTANT');
  });

  it('rejects a solar date that does not exist, with a Vietnamese message', () => {
    expectCalendarError(() => solarToLunar('2026-02-30'), 'INVALID_INSTANT');
    expect(() => solarToLunar('17/02/2026')).toThrow('Ngày dương lịch "17/02/2026" không hợp lệ');
  });
});
