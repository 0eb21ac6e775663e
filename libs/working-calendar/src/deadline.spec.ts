import { DEFAULT_CALENDAR_CONFIG, SATURDAY_MORNING_HOURS, WorkingCalendar, createCalendar } from './calendar';
import { DurationUnit, dueAt, extendBy, extendForPause, extendForPauses, workingTimeBetween } from './deadline';
import { CalendarError } from './errors';
import { proposeHolidays } from './holidays';

/*
 * Office hours everywhere below are 07:30–11:30 and 13:30–17:00 (7.5 h a day),
 * cut-off 15:00, unless the calendar says otherwise. Times are local (UTC+7).
 */

/** "2026-02-13 16:59" (or with seconds), local time in Vietnam, as an ISO instant. */
const vn = (local: string) => `${local.replace(' ', 'T')}${local.length === 16 ? ':00' : ''}+07:00`;

/** An instant as local time in Vietnam, seconds shown only when not zero. */
const local = (instant: Date) => {
  const text = new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  return text.endsWith(':00') ? text.slice(0, 16) : text;
};

const HOUR_MS = 3_600_000;

// Tết Bính Ngọ as announced for public servants: Saturday 14/02 to Sunday 22/02/2026
// (27 tháng Chạp to mùng 6). Cross-check from the lunar dates: the new year is Tuesday
// 17/02, so the five statutory days (Monday 16/02, the last day of the lunar year, and
// mùng 1–4) are Monday–Friday 16–20/02; with the weekends either side that is nine days
// off, and no working day needs swapping.
const TET_2026_ANNOUNCED = [
  '2026-02-14',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
];
// The rest of 2026 as proposed: 01/01 (Thursday); Giỗ Tổ on Sunday 26/04 with Monday
// 27/04 compensatory; 30/04 (Thursday), 01/05 (Friday); 01/09 (Tuesday) and 02/09.
const OTHER_HOLIDAYS_2026 = ['2026-01-01', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02'];
const PROVINCE_2026 = { ...DEFAULT_CALENDAR_CONFIG, holidays: [...TET_2026_ANNOUNCED, ...OTHER_HOLIDAYS_2026] };
const PROPOSAL_2027 = proposeHolidays(2027).map((holiday) => holiday.date);

const calendars = {
  'province 2026': createCalendar(PROVINCE_2026),
  // Straight from the proposal: 01/01 (Friday); Tết 05–09/02 (Friday 05/02, the last day of
  // the lunar year, to mùng 4 on Tuesday 09/02), with mùng 1–2 on Saturday–Sunday compensated
  // on Wednesday 10/02 and Thursday 11/02; 16/04; 30/04; 01/05 (Saturday) + Monday 03/05; 02–03/09.
  'province 2027': createCalendar({ ...DEFAULT_CALENDAR_CONFIG, holidays: PROPOSAL_2027 }),
  // A province that applies the 15:00 cut-off to calendar days and months as well.
  'province 2026, cut-off for calendar days': createCalendar({ ...PROVINCE_2026, calendarDaysFrom: 'deemed_receipt' }),
  // A centre also open on Saturday 07:30–11:30, otherwise on the province's 2026 calendar.
  'Saturday centre 2026': createCalendar(PROVINCE_2026, {
    weeklyHours: { ...DEFAULT_CALENDAR_CONFIG.weeklyHours, sat: SATURDAY_MORNING_HOURS },
  }),
  // Illustrative, not an announced decision: the 2027 proposal plus the kind of swap the
  // Government often makes, Friday 12/02/2027 off against Saturday 20/02/2027 worked.
  '2027 with swap': createCalendar({
    ...DEFAULT_CALENDAR_CONFIG,
    holidays: [...PROPOSAL_2027, '2027-02-12'],
    swappedWorkingDays: ['2027-02-20'],
  }),
} satisfies Record<string, WorkingCalendar>;

type CalendarName = keyof typeof calendars;

describe('dueAt', () => {
  const cases: [CalendarName, string, number, DurationUnit, string][] = [
    // --- working_days, ordinary weeks (January 2026: Monday 05, 12, 19) ---
    // Mon 09:00, in time → receipt day Mon 05/01; 1st working day after it is Tue 06/01.
    ['province 2026', '2026-01-05 09:00', 1, 'working_days', '2026-01-06 17:00'],
    // N = 0 ("trong ngày"): end of office hours of the receipt day itself.
    ['province 2026', '2026-01-05 09:00', 0, 'working_days', '2026-01-05 17:00'],
    // Exactly 15:00 is not after the cut-off → receipt day Mon 05/01 → Tue 06/01.
    ['province 2026', '2026-01-05 15:00', 1, 'working_days', '2026-01-06 17:00'],
    // 15:00:01 is after the cut-off → deemed Tue 06/01 → +1 → Wed 07/01.
    ['province 2026', '2026-01-05 15:00:01', 1, 'working_days', '2026-01-07 17:00'],
    // After the cut-off with N = 0: due at the end of the deemed day, Tue 06/01.
    ['province 2026', '2026-01-05 15:00:01', 0, 'working_days', '2026-01-06 17:00'],
    // 06:45, before opening on a working day, counts for that day → Tue 06/01.
    ['province 2026', '2026-01-05 06:45', 1, 'working_days', '2026-01-06 17:00'],
    // 12:15, lunch break, before the cut-off → counts for Mon 05/01 → +2 → Wed 07/01.
    ['province 2026', '2026-01-05 12:15', 2, 'working_days', '2026-01-07 17:00'],
    // 17:30, after closing → deemed Tue 06/01 → +1 → Wed 07/01.
    ['province 2026', '2026-01-05 17:30', 1, 'working_days', '2026-01-07 17:00'],
    // Fri 09/01 16:00 after cut-off → deemed Mon 12/01 (weekend skipped) → +1 → Tue 13/01.
    ['province 2026', '2026-01-09 16:00', 1, 'working_days', '2026-01-13 17:00'],
    // Received Saturday 10/01 → deemed Mon 12/01 → +1 → Tue 13/01.
    ['province 2026', '2026-01-10 10:00', 1, 'working_days', '2026-01-13 17:00'],
    // Sun 11/01 23:59 → deemed Mon 12/01 → Tue 13, Wed 14, Thu 15, Fri 16, Mon 19 = 5th.
    ['province 2026', '2026-01-11 23:59', 5, 'working_days', '2026-01-19 17:00'],
    // Mon 05/01 → 6, 7, 8, 9, 12, 13, 14, 15, 16, 19/01: the 10th is Mon 19/01.
    ['province 2026', '2026-01-05 10:00', 10, 'working_days', '2026-01-19 17:00'],

    // --- working_days around Tết 2026 (off Sat 14/02 – Sun 22/02) ---
    // Fri 13/02 16:59, the last working day before Tết, after the cut-off; 14–22/02 are off
    // → deemed Mon 23/02 → 24, 25, 26 → Thu 26/02.
    ['province 2026', '2026-02-13 16:59', 3, 'working_days', '2026-02-26 17:00'],
    // Fri 13/02 14:00, in time → receipt day 13/02; the next working day is Mon 23/02.
    ['province 2026', '2026-02-13 14:00', 1, 'working_days', '2026-02-23 17:00'],
    // Same receipt, "trong ngày" → Fri 13/02 17:00.
    ['province 2026', '2026-02-13 14:00', 0, 'working_days', '2026-02-13 17:00'],
    // Received on mùng 1 (Tue 17/02, a holiday) → deemed Mon 23/02 → +1 → Tue 24/02.
    ['province 2026', '2026-02-17 09:00', 1, 'working_days', '2026-02-24 17:00'],
    // Thu 12/02 → Fri 13/02 (1st), then Tết, Mon 23/02 (2nd).
    ['province 2026', '2026-02-12 10:00', 2, 'working_days', '2026-02-23 17:00'],
    // Mon 09/02 → 10, 11, 12, 13/02 (4); 23–27/02 (9); 02–06/03 (14); Mon 09/03 (15).
    ['province 2026', '2026-02-09 09:00', 15, 'working_days', '2026-03-09 17:00'],

    // --- working_days across the new year ---
    // Tue 30/12/2025 → Wed 31/12 (1); Thu 01/01 holiday; Fri 02/01 (2); weekend; Mon 05/01 (3).
    ['province 2026', '2025-12-30 10:00', 3, 'working_days', '2026-01-05 17:00'],
    // Wed 31/12/2025 15:30, after cut-off → Thu 01/01 holiday → deemed Fri 02/01 → +1 → Mon 05/01.
    ['province 2026', '2025-12-31 15:30', 1, 'working_days', '2026-01-05 17:00'],
    // Received on 01/01 (holiday), "trong ngày" → deemed Fri 02/01 → due that day.
    ['province 2026', '2026-01-01 08:00', 0, 'working_days', '2026-01-02 17:00'],
    // Wed 30/12/2026 → Thu 31/12 (1); Fri 01/01/2027 holiday; weekend; Mon 04/01/2027 (2).
    ['province 2027', '2026-12-30 10:00', 2, 'working_days', '2027-01-04 17:00'],

    // --- a holiday on a weekend, and its compensatory day ---
    // Received on Giỗ Tổ, Sun 26/04/2026; Mon 27/04 is compensatory → deemed Tue 28/04 → Wed 29/04.
    ['province 2026', '2026-04-26 09:00', 1, 'working_days', '2026-04-29 17:00'],
    // Fri 24/04 → Sat, Sun, Mon 27/04 (compensatory) off → Tue 28/04.
    ['province 2026', '2026-04-24 10:00', 1, 'working_days', '2026-04-28 17:00'],
    // Wed 29/04 → Thu 30/04 and Fri 01/05 holidays, weekend → Mon 04/05 (1), Tue 05/05 (2).
    ['province 2026', '2026-04-29 10:00', 2, 'working_days', '2026-05-05 17:00'],
    // Mon 31/08 → Tue 01/09 and Wed 02/09 holidays → Thu 03/09.
    ['province 2026', '2026-08-31 10:00', 1, 'working_days', '2026-09-03 17:00'],
    // Fri 30/04/2027 holiday; Sat 01/05 holiday; Sun; Mon 03/05 compensatory → deemed Tue 04/05 → Wed 05/05.
    ['province 2027', '2027-04-30 09:00', 1, 'working_days', '2027-05-05 17:00'],
    // Wed 01/09/2027 14:59, in time; Thu 02/09 and Fri 03/09 off, weekend → Mon 06/09.
    ['province 2027', '2027-09-01 14:59', 1, 'working_days', '2027-09-06 17:00'],

    // --- Tết 2027 from the proposal (off Fri 05/02 – Thu 11/02) ---
    // Thu 04/02 16:00, after cut-off → 05–11/02 off → deemed Fri 12/02 → +1 → Mon 15/02.
    ['province 2027', '2027-02-04 16:00', 1, 'working_days', '2027-02-15 17:00'],
    // Thu 04/02 10:00, in time → next working day is Fri 12/02.
    ['province 2027', '2027-02-04 10:00', 1, 'working_days', '2027-02-12 17:00'],
    // "Trong ngày" on Thu 04/02 → 17:00 that day, before Tết.
    ['province 2027', '2027-02-04 10:00', 0, 'working_days', '2027-02-04 17:00'],
    // Received Wed 10/02, a compensatory day → deemed Fri 12/02 → Mon 15/02.
    ['province 2027', '2027-02-10 09:00', 1, 'working_days', '2027-02-15 17:00'],

    // --- a centre open Saturday 07:30–11:30 ---
    // Fri 09/01 16:00, after cut-off → deemed Sat 10/01 (worked) → +1 → Mon 12/01.
    ['Saturday centre 2026', '2026-01-09 16:00', 1, 'working_days', '2026-01-12 17:00'],
    // Sat 10/01 10:00, "trong ngày" → Saturday closes at 11:30.
    ['Saturday centre 2026', '2026-01-10 10:00', 0, 'working_days', '2026-01-10 11:30'],
    // Sat 11:45, after Saturday's closing (though before 15:00) → deemed Mon 12/01 → Tue 13/01.
    ['Saturday centre 2026', '2026-01-10 11:45', 1, 'working_days', '2026-01-13 17:00'],
    // Thu 08/01 → Fri 09/01 (1), Sat 10/01 (2) → due at Saturday's 11:30.
    ['Saturday centre 2026', '2026-01-08 10:00', 2, 'working_days', '2026-01-10 11:30'],
    // Sat 14/02 is a Tết day off even for this centre → deemed Mon 23/02 → Tue 24/02.
    ['Saturday centre 2026', '2026-02-14 09:00', 1, 'working_days', '2026-02-24 17:00'],
    // Thu 12/02 → Fri 13/02 (1); Sat 14/02 off; Mon 23/02 (2).
    ['Saturday centre 2026', '2026-02-12 10:00', 2, 'working_days', '2026-02-23 17:00'],

    // --- a swapped working Saturday (20/02/2027 worked, 12/02/2027 off) ---
    // Thu 18/02 → Fri 19/02 (1), Sat 20/02 worked with normal hours (2) → 17:00.
    ['2027 with swap', '2027-02-18 10:00', 2, 'working_days', '2027-02-20 17:00'],
    // Fri 19/02 15:30, after cut-off → deemed Sat 20/02 → "trong ngày" → Sat 17:00.
    ['2027 with swap', '2027-02-19 15:30', 0, 'working_days', '2027-02-20 17:00'],
    // Sat 20/02 16:00, after cut-off on the swapped day → Sun off → deemed Mon 22/02 → Tue 23/02.
    ['2027 with swap', '2027-02-20 16:00', 1, 'working_days', '2027-02-23 17:00'],
    // Thu 04/02 → 05–11/02 Tết, 12/02 swapped away → Mon 15/02.
    ['2027 with swap', '2027-02-04 10:00', 1, 'working_days', '2027-02-15 17:00'],

    // --- days (calendar days) ---
    // Mon 05/01 + 10 → Thu 15/01, a working day.
    ['province 2026', '2026-01-05 09:00', 10, 'days', '2026-01-15 17:00'],
    // Mon 05/01 + 5 → Sat 10/01 → next working day Mon 12/01.
    ['province 2026', '2026-01-05 09:00', 5, 'days', '2026-01-12 17:00'],
    // Mon 09/02 + 7 → Mon 16/02, a Tết day → next working day Mon 23/02.
    ['province 2026', '2026-02-09 10:00', 7, 'days', '2026-02-23 17:00'],
    // Calendar days count from the day after the actual receipt (Civil Code art. 147), cut-off or not:
    // Fri 13/02 16:00 + 10 → Mon 23/02, the first working day after Tết; at 14:00 the same.
    ['province 2026', '2026-02-13 16:00', 10, 'days', '2026-02-23 17:00'],
    ['province 2026', '2026-02-13 14:00', 10, 'days', '2026-02-23 17:00'],
    // Fri 13/02 16:00 + 3 → Mon 16/02, a Tết day → Mon 23/02.
    ['province 2026', '2026-02-13 16:00', 3, 'days', '2026-02-23 17:00'],
    // Where the province applies the cut-off to calendar days: 16:00 is deemed Mon 23/02 → + 10 → Thu 05/03;
    // at 14:00, in time, the receipt day stays 13/02 → Mon 23/02.
    ['province 2026, cut-off for calendar days', '2026-02-13 16:00', 10, 'days', '2026-03-05 17:00'],
    ['province 2026, cut-off for calendar days', '2026-02-13 14:00', 10, 'days', '2026-02-23 17:00'],
    ['province 2026, cut-off for calendar days', '2026-02-13 16:00', 3, 'days', '2026-02-26 17:00'],

    // --- months (Civil Code art. 148: same day number; the last day of a shorter month; then a working day) ---
    // Mon 05/01 + 3 months → Sun 05/04 → Mon 06/04.
    ['province 2026', '2026-01-05 09:00', 3, 'months', '2026-04-06 17:00'],
    // Fri 30/01 + 1 month → February has no 30th → Sat 28/02 → Mon 02/03.
    ['province 2026', '2026-01-30 09:00', 1, 'months', '2026-03-02 17:00'],
    // Tue 31/03 + 1 month → 30/04 (a holiday), 01/05 holiday, weekend → Mon 04/05.
    ['province 2026', '2026-03-31 10:00', 1, 'months', '2026-05-04 17:00'],
    // Mon 30/11/2026 + 3 months → no 30/02/2027 → Sun 28/02/2027 → Mon 01/03/2027.
    ['province 2027', '2026-11-30 10:00', 3, 'months', '2027-03-01 17:00'],
    // Fri 13/02 16:00 + 1 month → Fri 13/03; with the cut-off applied, deemed Mon 23/02 → Mon 23/03.
    ['province 2026', '2026-02-13 16:00', 1, 'months', '2026-03-13 17:00'],
    ['province 2026, cut-off for calendar days', '2026-02-13 16:00', 1, 'months', '2026-03-23 17:00'],
    // 0 months, received on a Saturday → the next working day.
    ['province 2026', '2026-01-10 10:00', 0, 'months', '2026-01-12 17:00'],
    // Tue 30/12/2025 + 2 → Thu 01/01/2026, holiday → Fri 02/01.
    ['province 2026', '2025-12-30 10:00', 2, 'days', '2026-01-02 17:00'],
    // Received Saturday, 0 days → deemed Mon 12/01 → due that day.
    ['province 2026', '2026-01-10 10:00', 0, 'days', '2026-01-12 17:00'],
    // Thu 16/04 + 10 → Sun 26/04 (Giỗ Tổ) → Mon 27/04 compensatory → Tue 28/04.
    ['province 2026', '2026-04-16 10:00', 10, 'days', '2026-04-28 17:00'],
    // Wed 15/04 + 15 → Thu 30/04 holiday; Fri 01/05 holiday; weekend → Mon 04/05.
    ['province 2026', '2026-04-15 09:00', 15, 'days', '2026-05-04 17:00'],
    // Mon 01/02/2027 + 5 → Sat 06/02, mùng 1 → off through Thu 11/02 → Fri 12/02.
    ['province 2027', '2027-02-01 09:00', 5, 'days', '2027-02-12 17:00'],
    // Thu 18/02/2027 + 2 → Sat 20/02, a swapped working day → due there, 17:00.
    ['2027 with swap', '2027-02-18 10:00', 2, 'days', '2027-02-20 17:00'],

    // --- working_hours (no cut-off) ---
    // Mon 09:00 + 2 h inside the morning session → 11:00.
    ['province 2026', '2026-01-05 09:00', 2, 'working_hours', '2026-01-05 11:00'],
    // Mon 10:30 + 2 h → 1 h to 11:30, lunch, 1 h from 13:30 → 14:30.
    ['province 2026', '2026-01-05 10:30', 2, 'working_hours', '2026-01-05 14:30'],
    // Mon 09:30 + 2 h ends exactly at 11:30: due then, not at 13:30.
    ['province 2026', '2026-01-05 09:30', 2, 'working_hours', '2026-01-05 11:30'],
    // Mon 16:00 + 2 h → 1 h to 17:00, overnight, 1 h from 07:30 Tue → 08:30 (cut-off ignored).
    ['province 2026', '2026-01-05 16:00', 2, 'working_hours', '2026-01-06 08:30'],
    // Received at 12:00 (lunch) + 1 h → counting starts 13:30 → 14:30.
    ['province 2026', '2026-01-05 12:00', 1, 'working_hours', '2026-01-05 14:30'],
    // Received 06:00 + 4 h → 07:30–11:30 → 11:30.
    ['province 2026', '2026-01-05 06:00', 4, 'working_hours', '2026-01-05 11:30'],
    // Fri 16:30 + 8 h → 0.5 h Fri, Mon 07:30–11:30 (4.5), 13:30–17:00 (8) → Mon 12/01 17:00.
    ['province 2026', '2026-01-09 16:30', 8, 'working_hours', '2026-01-12 17:00'],
    // Fri 13/02 15:30 + 4 h → 1.5 h to 17:00; Tết; Mon 23/02 07:30 + 2.5 h → 10:00.
    ['province 2026', '2026-02-13 15:30', 4, 'working_hours', '2026-02-23 10:00'],
    // Received on mùng 1 (holiday) + 1 h → first office time is Mon 23/02 07:30 → 08:30.
    ['province 2026', '2026-02-17 09:00', 1, 'working_hours', '2026-02-23 08:30'],
    // Zero working hours: the receipt instant itself when the office is open…
    ['province 2026', '2026-01-05 09:00', 0, 'working_hours', '2026-01-05 09:00'],
    // …otherwise the moment it opens: received on a Saturday → Mon 12/01 07:30; at lunch → 13:30; at 17:00 → next morning.
    ['province 2026', '2026-01-10 10:00', 0, 'working_hours', '2026-01-12 07:30'],
    ['province 2026', '2026-01-05 12:00', 0, 'working_hours', '2026-01-05 13:30'],
    ['province 2026', '2026-01-05 17:00', 0, 'working_hours', '2026-01-06 07:30'],
    // Half an hour → 09:30.
    ['province 2026', '2026-01-05 09:00', 0.5, 'working_hours', '2026-01-05 09:30'],
    // Wed 31/12/2025 15:00 + 8 h → 2 h to 17:00; 01/01 off; Fri 02/01: 4 h morning (6), 13:30 + 2 h → 15:30.
    ['province 2026', '2025-12-31 15:00', 8, 'working_hours', '2026-01-02 15:30'],
    // Saturday centre, Fri 16:00 + 6 h → 1 h Fri, 4 h Sat morning (5), Mon 07:30 + 1 h → 08:30.
    ['Saturday centre 2026', '2026-01-09 16:00', 6, 'working_hours', '2026-01-12 08:30'],
    // Swapped Saturday: Fri 19/02/2027 16:00 + 3 h → 1 h Fri, Sat 20/02 07:30 + 2 h → 09:30.
    ['2027 with swap', '2027-02-19 16:00', 3, 'working_hours', '2027-02-20 09:30'],

    // --- hours (wall clock) ---
    // Fri 13/02 16:59 + 24 h → Sat 14/02 16:59, whatever the calendar says.
    ['province 2026', '2026-02-13 16:59', 24, 'hours', '2026-02-14 16:59'],
    // Zero hours: the receipt instant.
    ['province 2026', '2026-01-05 10:00', 0, 'hours', '2026-01-05 10:00'],
    // 1.5 h from 10:00 → 11:30.
    ['province 2026', '2026-01-05 10:00', 1.5, 'hours', '2026-01-05 11:30'],
  ];

  it.each(cases)('%s: received %s + %d %s → due %s', (calendar, received, value, unit, due) => {
    expect(local(dueAt(vn(received), { value, unit }, calendars[calendar]))).toBe(due);
  });

  it('accepts a Date and returns a new Date', () => {
    const received = new Date(vn('2026-01-05 09:00'));
    expect(local(dueAt(received, { value: 1, unit: 'working_days' }, calendars['province 2026']))).toBe('2026-01-06 17:00');
  });
});

describe('workingTimeBetween', () => {
  const cases: [CalendarName, string, string, number][] = [
    // A whole working day: 4 h + 3.5 h.
    ['province 2026', '2026-01-05 07:30', '2026-01-05 17:00', 7.5],
    // 11:00–14:00 → 0.5 h before lunch + 0.5 h after.
    ['province 2026', '2026-01-05 11:00', '2026-01-05 14:00', 1],
    // Entirely inside the lunch break.
    ['province 2026', '2026-01-05 12:00', '2026-01-05 13:00', 0],
    // Fri 16:00 → Mon 09:00: 1 h Friday, nothing at the weekend, 1.5 h Monday.
    ['province 2026', '2026-01-09 16:00', '2026-01-12 09:00', 2.5],
    // Fri 13/02 08:00 → Mon 23/02 08:00: 3.5 + 3.5 h Friday, Tết, 0.5 h Monday.
    ['province 2026', '2026-02-13 08:00', '2026-02-23 08:00', 7.5],
    // Entirely inside the Tết days off.
    ['province 2026', '2026-02-14 00:00', '2026-02-22 23:59', 0],
    // Reversed: negative, so "time left" turns negative once a dossier is overdue.
    ['province 2026', '2026-01-05 14:00', '2026-01-05 11:00', -1],
    // Tue 30/12/2025 07:30 → Fri 02/01/2026 17:00: Tue, Wed, (01/01 off), Fri = 3 × 7.5 h.
    ['province 2026', '2025-12-30 07:30', '2026-01-02 17:00', 22.5],
    // Saturday centre, Fri 17:00 → Mon 07:30: the Saturday morning only.
    ['Saturday centre 2026', '2026-01-09 17:00', '2026-01-12 07:30', 4],
    // Swapped Saturday 20/02/2027 is worked with the standard 7.5 h.
    ['2027 with swap', '2027-02-19 17:00', '2027-02-22 07:30', 7.5],
    // Overnight: nothing.
    ['province 2026', '2026-01-05 17:00', '2026-01-06 07:30', 0],
    // The same instant.
    ['province 2026', '2026-01-05 10:00', '2026-01-05 10:00', 0],
  ];

  it.each(cases)('%s: %s → %s is %d working hours', (calendar, from, to, hours) => {
    expect(workingTimeBetween(vn(from), vn(to), calendars[calendar])).toBe(hours * HOUR_MS);
  });
});

describe('pauses', () => {
  const cases: [CalendarName, string, [string, string][], string][] = [
    // Pause Mon 16/02 – Thu 19/02/2026, all inside Tết: no office time paused, nothing moves.
    ['province 2026', '2026-02-26 17:00', [['2026-02-16 09:00', '2026-02-19 10:00']], '2026-02-26 17:00'],
    // Pause overnight 18:00 → 06:00: nothing moves.
    ['province 2026', '2026-01-07 17:00', [['2026-01-05 18:00', '2026-01-06 06:00']], '2026-01-07 17:00'],
    // Pause Fri 09/01 15:00 – Mon 12/01 09:00 spans a weekend: 2 h Fri + 1.5 h Mon = 3.5 h;
    // from Wed 14/01 17:00 → Thu 15/01 07:30 + 3.5 h → 11:00.
    ['province 2026', '2026-01-14 17:00', [['2026-01-09 15:00', '2026-01-12 09:00']], '2026-01-15 11:00'],
    // Same pause at the Saturday centre adds Saturday's 4 h: 7.5 h → one full day, Thu 15/01 17:00.
    ['Saturday centre 2026', '2026-01-14 17:00', [['2026-01-09 15:00', '2026-01-12 09:00']], '2026-01-15 17:00'],
    // A full working day paused (7.5 h) moves Tue 13/01 17:00 to Wed 14/01 17:00.
    ['province 2026', '2026-01-13 17:00', [['2026-01-05 07:30', '2026-01-05 17:00']], '2026-01-14 17:00'],
    // 2 h paused (13:30–15:30) from Fri 16/01 17:00 → Mon 19/01 07:30 + 2 h → 09:30.
    ['province 2026', '2026-01-16 17:00', [['2026-01-12 13:30', '2026-01-12 15:30']], '2026-01-19 09:30'],
    // 1 h paused from Thu 12/02 17:00 → Fri 13/02 08:30.
    ['province 2026', '2026-02-12 17:00', [['2026-02-11 16:00', '2026-02-11 17:00']], '2026-02-13 08:30'],
    // 1 h paused from Fri 13/02 17:00 → over Tết → Mon 23/02 08:30.
    ['province 2026', '2026-02-13 17:00', [['2026-02-12 10:00', '2026-02-12 11:00']], '2026-02-23 08:30'],
    // Pause Fri 13/02 15:00 – Tue 24/02 09:00 across Tết: 2 h + Mon 23/02 7.5 h + 1.5 h = 11 h;
    // from Fri 27/02 17:00 → Mon 02/03 (7.5 h) → Tue 03/03 07:30 + 3.5 h → 11:00.
    ['province 2026', '2026-02-27 17:00', [['2026-02-13 15:00', '2026-02-24 09:00']], '2026-03-03 11:00'],
    // Two separate pauses of 1 h each → 2 h → Mon 19/01 09:30.
    [
      'province 2026',
      '2026-01-16 17:00',
      [
        ['2026-01-12 09:00', '2026-01-12 10:00'],
        ['2026-01-13 14:00', '2026-01-13 15:00'],
      ],
      '2026-01-19 09:30',
    ],
    // A pause nested inside another counts once: 09:00–11:00 covers 09:30–10:30 → 2 h → 09:30.
    [
      'province 2026',
      '2026-01-16 17:00',
      [
        ['2026-01-12 09:00', '2026-01-12 11:00'],
        ['2026-01-12 09:30', '2026-01-12 10:30'],
      ],
      '2026-01-19 09:30',
    ],
    // Overlapping pauses, given out of order: union 09:00–11:00 = 2 h → 09:30.
    [
      'province 2026',
      '2026-01-16 17:00',
      [
        ['2026-01-12 09:30', '2026-01-12 11:00'],
        ['2026-01-12 09:00', '2026-01-12 10:00'],
      ],
      '2026-01-19 09:30',
    ],
    // No pauses: unchanged.
    ['province 2026', '2026-01-16 17:00', [], '2026-01-16 17:00'],
    // A pause that ends as it starts: unchanged.
    ['province 2026', '2026-01-16 17:00', [['2026-01-12 09:00', '2026-01-12 09:00']], '2026-01-16 17:00'],
  ];

  it.each(cases)('%s: due %s, paused %j → due %s', (calendar, due, pauses, expected) => {
    const result = extendForPauses(
      vn(due),
      pauses.map(([start, end]) => ({ start: vn(start), end: vn(end) })),
      calendars[calendar],
    );
    expect(local(result)).toBe(expected);
  });

  it('a pause that starts once the due instant has passed moves nothing, even when given with earlier ones', () => {
    // Due Fri 16/01 17:00; a pause a year later does not reopen the limit.
    expect(local(extendForPauses(vn('2026-01-16 17:00'), [{ start: vn('2027-01-18 09:00'), end: vn('2027-01-18 10:00') }], calendars['province 2026']))).toBe(
      '2026-01-16 17:00',
    );
    // 2 h on Mon 12/01 move the due to Mon 19/01 09:30; a pause from 09:00 that day began before that due, so its 30 min before it…
    // …count too: the moved due is what the later pause is compared with, and it runs over it whole (1 h) → 10:30.
    const moved = extendForPauses(
      vn('2026-01-16 17:00'),
      [
        { start: vn('2026-01-12 13:30'), end: vn('2026-01-12 15:30') },
        { start: vn('2026-01-19 09:00'), end: vn('2026-01-19 10:00') },
        { start: vn('2026-03-02 09:00'), end: vn('2026-03-02 10:00') },
      ],
      calendars['province 2026'],
    );
    expect(local(moved)).toBe('2026-01-19 10:30');
  });

  it('extendForPauses clips pauses to where counting started', () => {
    // Half of a 2 h pause (Mon 12/01 13:30–15:30) falls before counting started at 14:30 → 1 h → Mon 19/01 08:30.
    const result = extendForPauses(vn('2026-01-16 17:00'), [{ start: vn('2026-01-12 13:30'), end: vn('2026-01-12 15:30') }], calendars['province 2026'], vn('2026-01-12 14:30'));
    expect(local(result)).toBe('2026-01-19 08:30');
  });

  it('extendForPause handles one pause the same way', () => {
    // 2 h paused (Mon 13:30–15:30) from Fri 16/01 17:00 → Mon 19/01 09:30.
    const result = extendForPause(vn('2026-01-16 17:00'), vn('2026-01-12 13:30'), vn('2026-01-12 15:30'), calendars['province 2026']);
    expect(local(result)).toBe('2026-01-19 09:30');
  });
});

describe('dueAt with pauses: only the counted time between the start of counting and the due instant', () => {
  const calendar = calendars['province 2026'];
  const oneDay = { value: 1, unit: 'working_days' } as const;
  const receivedMonday = vn('2026-01-05 09:00');
  const pause = (start: string, end: string) => ({ start: vn(start), end: vn(end) });

  it('ignores a pause that ended before the dossier was received', () => {
    const before = [pause('2026-01-02 07:30', '2026-01-02 17:00')];
    expect(local(dueAt(receivedMonday, oneDay, calendar, before))).toBe('2026-01-06 17:00');
    expect(local(extendForPauses(dueAt(receivedMonday, oneDay, calendar), before, calendar, receivedMonday))).toBe('2026-01-06 17:00');
  });

  it('ignores a pause a year after the due date', () => {
    expect(local(dueAt(receivedMonday, oneDay, calendar, [pause('2027-01-06 07:30', '2027-01-06 17:00')]))).toBe('2026-01-06 17:00');
  });

  it('ignores a pause on the day of receipt, which day units do not count', () => {
    expect(local(dueAt(receivedMonday, oneDay, calendar, [pause('2026-01-05 09:30', '2026-01-05 16:30')]))).toBe('2026-01-06 17:00');
  });

  it('counts only the part of a pause after the receipt day', () => {
    // Mon 16:00 – Tue 09:30: only Tue 07:30–09:30 is counted time → 2 h → Wed 07/01 09:30.
    expect(local(dueAt(receivedMonday, oneDay, calendar, [pause('2026-01-05 16:00', '2026-01-06 09:30')]))).toBe('2026-01-07 09:30');
  });

  it('counts the receipt day for "trong ngày", from the receipt instant', () => {
    // 0 working days, received 09:00: a pause 08:00–10:00 counts from 09:00 → 1 h → Tue 06/01 08:30.
    expect(local(dueAt(receivedMonday, { value: 0, unit: 'working_days' }, calendar, [pause('2026-01-05 08:00', '2026-01-05 10:00')]))).toBe(
      '2026-01-06 08:30',
    );
  });

  it('counts hour units from the receipt instant', () => {
    // 4 working hours from 09:00 → 2.5 h to 11:30, 13:30 + 1.5 h = 15:00; a pause 08:00–10:00 counts 1 h → 16:00.
    expect(local(dueAt(receivedMonday, { value: 4, unit: 'working_hours' }, calendar, [pause('2026-01-05 08:00', '2026-01-05 10:00')]))).toBe(
      '2026-01-05 16:00',
    );
  });

  it('counts calendar days from the day after receipt', () => {
    // Mon 05/01 + 10 days → Thu 15/01; a full working day paused on Tue 06/01 → Fri 16/01; one on the receipt day, nothing.
    const tenDays = { value: 10, unit: 'days' } as const;
    expect(local(dueAt(receivedMonday, tenDays, calendar, [pause('2026-01-06 07:30', '2026-01-06 17:00')]))).toBe('2026-01-16 17:00');
    expect(local(dueAt(receivedMonday, tenDays, calendar, [pause('2026-01-05 07:30', '2026-01-05 17:00')]))).toBe('2026-01-15 17:00');
  });

  it('refuses a pause that ends before it starts', () => {
    expect(() => dueAt(receivedMonday, oneDay, calendar, [pause('2026-01-06 10:00', '2026-01-06 09:00')])).toThrow(CalendarError);
  });
});

describe('extendBy', () => {
  const cases: [CalendarName, string, number, DurationUnit, string][] = [
    // Due Thu 12/02/2026 17:00 + 2 working days → Fri 13/02 (1), Tết, Mon 23/02 (2).
    ['province 2026', '2026-02-12 17:00', 2, 'working_days', '2026-02-23 17:00'],
    // Due Mon 05/01 17:00 + 4 working hours → Tue 06/01 07:30–11:30.
    ['province 2026', '2026-01-05 17:00', 4, 'working_hours', '2026-01-06 11:30'],
    // Due mid-day Mon 05/01 10:00 + 1 working day → end of office hours Tue 06/01.
    ['province 2026', '2026-01-05 10:00', 1, 'working_days', '2026-01-06 17:00'],
    // Zero extension: unchanged, even mid-day (not pushed to the end of office hours).
    ['province 2026', '2026-01-05 10:00', 0, 'working_days', '2026-01-05 10:00'],
    // Due Tue 30/12/2025 + 5 days → Sun 04/01/2026 → Mon 05/01.
    ['province 2026', '2025-12-30 17:00', 5, 'days', '2026-01-05 17:00'],
    // A due instant on a day off (Sat 14/02, from an hours duration) + 1 working day → the
    // first working day after 14/02, Mon 23/02.
    ['province 2026', '2026-02-14 16:59', 1, 'working_days', '2026-02-23 17:00'],
    // + 2 wall-clock hours.
    ['province 2026', '2026-01-05 17:00', 2, 'hours', '2026-01-05 19:00'],
  ];

  it.each(cases)('%s: due %s + %d %s → %s', (calendar, due, value, unit, expected) => {
    expect(local(extendBy(vn(due), { value, unit }, calendars[calendar]))).toBe(expected);
  });
});

describe('rejected input', () => {
  const calendar = calendars['province 2026'];
  const received = vn('2026-01-05 09:00');

  const rejection = (action: () => unknown): CalendarError => {
    try {
      action();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarError);
      return error as CalendarError;
    }
    throw new Error('expected a CalendarError');
  };

  it.each([
    [-1, 'working_days', 'Thời hạn không được âm (nhận được -1 ngày làm việc).'],
    [10_000, 'days', 'Thời hạn 10000 ngày vượt quá mức tối đa 3650 ngày; kiểm tra lại giá trị và đơn vị đã nhập.'],
    [Number.NaN, 'working_hours', 'Thời hạn phải là một số (nhận được NaN); kiểm tra lại thời hạn giải quyết của thủ tục.'],
    [1.5, 'working_days', 'Thời hạn tính theo ngày làm việc phải là số nguyên (nhận được 1,5 ngày làm việc); nếu cần lẻ ngày, tính theo giờ làm việc.'],
    [2.5, 'days', 'Thời hạn tính theo ngày phải là số nguyên (nhận được 2,5 ngày); nếu cần lẻ ngày, tính theo giờ làm việc.'],
    [29_201, 'working_hours', 'Thời hạn 29201 giờ làm việc vượt quá mức tối đa 29200 giờ làm việc; kiểm tra lại giá trị và đơn vị đã nhập.'],
    [3651, 'working_days', 'Thời hạn 3651 ngày làm việc vượt quá mức tối đa 3650 ngày làm việc; kiểm tra lại giá trị và đơn vị đã nhập.'],
    [Number.POSITIVE_INFINITY, 'hours', 'Thời hạn phải là một số (nhận được Infinity); kiểm tra lại thời hạn giải quyết của thủ tục.'],
  ] as const)('rejects %d %s', (value, unit, message) => {
    const error = rejection(() => dueAt(received, { value, unit }, calendar));
    expect(error.code).toBe('INVALID_DURATION');
    expect(error.message).toBe(message);
  });

  it('rejects the same durations as extensions', () => {
    expect(rejection(() => extendBy(received, { value: -1, unit: 'working_hours' }, calendar)).code).toBe('INVALID_DURATION');
  });

  it('rejects an unknown unit', () => {
    const error = rejection(() => dueAt(received, { value: 1, unit: 'weeks' } as never, calendar));
    expect(error.code).toBe('INVALID_DURATION');
    expect(error.message).toContain('Đơn vị thời hạn "weeks" không hợp lệ');
  });

  it('accepts the largest durations allowed', () => {
    expect(() => dueAt(received, { value: 3650, unit: 'working_days' }, calendar)).not.toThrow();
    expect(() => dueAt(received, { value: 3650, unit: 'days' }, calendar)).not.toThrow();
    expect(() => dueAt(received, { value: 29_200, unit: 'working_hours' }, calendar)).not.toThrow();
  });

  it.each([
    ['not a date', 'not-a-date'],
    ['30/02', '2026-02-30T10:00:00+07:00'],
    ['a time without an offset, which JavaScript would read in the server zone', '2026-02-13T16:59:00'],
    ['an invalid Date', new Date(Number.NaN)],
    ['a year out of range', '2526-02-13T16:59:00+07:00'],
    ['an offset no clock uses', '2026-02-13T10:00:00+99:99'],
    ['an offset with 60 minutes', '2026-02-13T10:00:00+07:60'],
  ])('rejects %s as the receipt instant', (_, instant) => {
    expect(rejection(() => dueAt(instant, { value: 1, unit: 'working_days' }, calendar)).code).toBe('INVALID_INSTANT');
  });

  it('names the instant and the format for an impossible offset, never "năm NaN"', () => {
    const message = rejection(() => dueAt('2026-02-13T10:00:00+99:99', { value: 1, unit: 'working_days' }, calendar)).message;
    expect(message).toBe(
      'Thời điểm tiếp nhận không hợp lệ (2026-02-13T10:00:00+99:99); nhập theo dạng ISO 8601 có múi giờ, ví dụ 2026-02-13T16:59:00+07:00.',
    );
    expect(message).not.toContain('NaN');
  });

  it('refuses a month limit that is not whole or too long', () => {
    expect(rejection(() => dueAt(received, { value: 1.5, unit: 'months' }, calendar)).code).toBe('INVALID_DURATION');
    expect(rejection(() => dueAt(received, { value: 121, unit: 'months' }, calendar)).message).toBe(
      'Thời hạn 121 tháng vượt quá mức tối đa 120 tháng; kiểm tra lại giá trị và đơn vị đã nhập.',
    );
  });

  it('explains how to write the instant', () => {
    expect(rejection(() => dueAt('13/02/2026 16:59', { value: 1, unit: 'working_days' }, calendar)).message).toBe(
      'Thời điểm tiếp nhận không hợp lệ (13/02/2026 16:59); nhập theo dạng ISO 8601 có múi giờ, ví dụ 2026-02-13T16:59:00+07:00.',
    );
  });

  it('rejects a pause that ends before it starts, showing both times as dd/mm/yyyy', () => {
    const error = rejection(() => extendForPause(vn('2026-01-16 17:00'), vn('2026-01-12 10:00'), vn('2026-01-12 09:00'), calendar));
    expect(error.code).toBe('INVALID_INSTANT');
    expect(error.message).toBe(
      'Thời điểm kết thúc tạm dừng (09:00 ngày 12/01/2026) trước thời điểm bắt đầu (10:00 ngày 12/01/2026); kiểm tra lại hai thời điểm này.',
    );
  });

  it('rejects an invalid instant in workingTimeBetween', () => {
    expect(rejection(() => workingTimeBetween('2026-01-05', vn('2026-01-06 10:00'), calendar)).code).toBe('INVALID_INSTANT');
  });
});
