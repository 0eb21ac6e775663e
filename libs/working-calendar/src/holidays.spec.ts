import { CalendarError } from './errors';
import { proposeHolidays } from './holidays';

describe('proposeHolidays', () => {
  it('proposes 2026: Tết on Monday–Friday needs no compensatory day; Giỗ Tổ on Sunday 26/04 moves to Monday 27/04', () => {
    expect(proposeHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch' },
      { date: '2026-02-16', name: 'Tết Nguyên đán (ngày cuối năm âm lịch)' },
      { date: '2026-02-17', name: 'Tết Nguyên đán (mùng 1)' },
      { date: '2026-02-18', name: 'Tết Nguyên đán (mùng 2)' },
      { date: '2026-02-19', name: 'Tết Nguyên đán (mùng 3)' },
      { date: '2026-02-20', name: 'Tết Nguyên đán (mùng 4)' },
      { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2026-04-30', name: 'Ngày Chiến thắng (30/4)' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động (1/5)' },
      // 2/9 is a Wednesday: neither neighbour joins a weekend, so the default 1/9.
      { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề)' },
      { date: '2026-09-02', name: 'Quốc khánh (2/9)' },
    ]);
  });

  it('proposes 2027: mùng 1 and 2 fall on Saturday and Sunday, so Wednesday 10/02 and Thursday 11/02 are compensatory', () => {
    expect(proposeHolidays(2027)).toEqual([
      { date: '2027-01-01', name: 'Tết Dương lịch' },
      { date: '2027-02-05', name: 'Tết Nguyên đán (ngày cuối năm âm lịch)' },
      { date: '2027-02-06', name: 'Tết Nguyên đán (mùng 1)' },
      { date: '2027-02-07', name: 'Tết Nguyên đán (mùng 2)' },
      { date: '2027-02-08', name: 'Tết Nguyên đán (mùng 3)' },
      { date: '2027-02-09', name: 'Tết Nguyên đán (mùng 4)' },
      { date: '2027-02-10', name: 'Nghỉ bù Tết Nguyên đán (mùng 1)' },
      { date: '2027-02-11', name: 'Nghỉ bù Tết Nguyên đán (mùng 2)' },
      { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2027-04-30', name: 'Ngày Chiến thắng (30/4)' },
      { date: '2027-05-01', name: 'Ngày Quốc tế Lao động (1/5)' },
      { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5)' },
      { date: '2027-09-02', name: 'Quốc khánh (2/9)' },
      // 2/9 is a Thursday: 3/9 (Friday) joins the weekend.
      { date: '2027-09-03', name: 'Quốc khánh (ngày liền kề)' },
    ]);
  });

  const datesOf = (year: number) => proposeHolidays(year).map((holiday) => holiday.date);

  it('gives consecutive weekend holidays consecutive compensatory days, skipping other holidays (2023: Giỗ Tổ Sat 29/04, 30/4 Sun, 1/5 Mon)', () => {
    expect(datesOf(2023).filter((date) => date >= '2023-04-01' && date <= '2023-05-31')).toEqual([
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
    ]);
  });

  it('picks 1/9 when 2/9 is a Tuesday (2025) and when it is a Saturday, compensating the Saturday on Monday (2023)', () => {
    expect(datesOf(2025).filter((date) => date.startsWith('2025-09'))).toEqual(['2025-09-01', '2025-09-02']);
    expect(datesOf(2023).filter((date) => date.startsWith('2023-09'))).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
  });

  it('compensates 1/1 on a Saturday with Monday 3/1 (2022)', () => {
    expect(datesOf(2022).slice(0, 2)).toEqual(['2022-01-01', '2022-01-03']);
  });

  it.each([1800, 2026.5])('rejects the year %s', (year) => {
    expect(() => proposeHolidays(year)).toThrow(CalendarError);
    expect(() => proposeHolidays(year)).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
  });
});
