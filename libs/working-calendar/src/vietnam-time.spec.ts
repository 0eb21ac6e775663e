import {
  formatVietnamDate,
  formatVietnamDateTime,
  formatVietnamTime,
  startOfVietnamDay,
  vietnamDate,
  vietnamIso,
  vietnamParts,
  vietnamYear,
} from './index';

describe('Vietnam time', () => {
  // 17:30 UTC on 31/12 is already 00:30 on New Year's Day in Vietnam.
  const newYearNight = '2025-12-31T17:30:00Z';

  it('puts an instant on the Vietnamese day, month and year, not the UTC one', () => {
    expect(vietnamDate(newYearNight)).toBe('2026-01-01');
    expect(vietnamYear(newYearNight)).toBe(2026);
    expect(vietnamParts(newYearNight)).toEqual({ year: '2026', month: '01', day: '01', hour: '00', minute: '30' });
  });

  it('reads a Date, an ISO string with any offset and epoch milliseconds alike', () => {
    const ms = Date.parse(newYearNight);
    expect([vietnamDate(new Date(ms)), vietnamDate(ms), vietnamDate('2026-01-01T08:30:00+08:00')]).toEqual(['2026-01-01', '2026-01-01', '2026-01-01']);
  });

  it('starts a Vietnamese day at 17:00 UTC the day before', () => {
    expect(startOfVietnamDay('2026-03-01').toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(vietnamDate(startOfVietnamDay('2026-03-01'))).toBe('2026-03-01');
    expect(vietnamDate(startOfVietnamDay('2026-03-01').getTime() - 1)).toBe('2026-02-28');
  });

  it('writes dates dd/mm/yyyy and times HH:mm on the Vietnamese clock', () => {
    expect(formatVietnamDate(newYearNight)).toBe('01/01/2026');
    expect(formatVietnamTime('2026-02-25T09:05:00Z')).toBe('16:05');
    expect(formatVietnamDateTime('2026-02-25T09:05:00Z')).toBe('16:05 25/02/2026');
  });

  it('writes the ISO instant with +07:00, milliseconds only when there are some', () => {
    expect(vietnamIso(new Date('2026-02-25T10:00:00Z'))).toBe('2026-02-25T17:00:00+07:00');
    expect(vietnamIso(new Date('2026-02-25T10:00:00.250Z'))).toBe('2026-02-25T17:00:00.250+07:00');
    expect(vietnamIso(newYearNight)).toBe('2026-01-01T00:30:00+07:00');
  });
});
