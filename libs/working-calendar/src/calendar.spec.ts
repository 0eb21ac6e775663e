import { CalendarConfig, DEFAULT_CALENDAR_CONFIG, SATURDAY_MORNING_HOURS, classifyDay, createCalendar } from './calendar';
import { CalendarError } from './errors';

const PROVINCE: CalendarConfig = {
  ...DEFAULT_CALENDAR_CONFIG,
  holidays: ['2026-02-14', '2026-02-16', '2026-04-26'],
  swappedWorkingDays: ['2026-02-28'],
};

describe('classifyDay', () => {
  const province = createCalendar(PROVINCE);
  const workingDay = [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ];

  it.each([
    ['2026-02-13', 'working', workingDay], // Friday
    ['2026-02-16', 'holiday', []], // a Monday listed as a holiday
    ['2026-02-14', 'holiday', []], // a Saturday listed as a holiday stays a holiday
    ['2026-02-21', 'weekly_rest', []], // an ordinary Saturday
    ['2026-02-22', 'weekly_rest', []], // Sunday
    ['2026-02-28', 'swapped_working', workingDay], // a Saturday worked in exchange, standard hours
  ])('classifies %s as %s', (date, kind, officeHours) => {
    expect(classifyDay(province, date)).toEqual({ kind, officeHours });
  });

  it('lets a unit work Saturday mornings while keeping the province holidays', () => {
    const centre = createCalendar(PROVINCE, { weeklyHours: { ...PROVINCE.weeklyHours, sat: SATURDAY_MORNING_HOURS } });
    expect(classifyDay(centre, '2026-02-21')).toEqual({ kind: 'working', officeHours: [{ start: '07:30', end: '11:30' }] });
    expect(classifyDay(centre, '2026-02-14').kind).toBe('holiday');
    // A swapped Saturday is worked with the full standard hours, not just the morning.
    expect(classifyDay(centre, '2026-02-28').officeHours).toEqual(workingDay);
  });

  it("replaces a province field wholesale with the unit's", () => {
    const unit = createCalendar(PROVINCE, { holidays: ['2026-02-17'], cutOff: '16:00' });
    expect(classifyDay(unit, '2026-02-16').kind).toBe('working');
    expect(classifyDay(unit, '2026-02-17').kind).toBe('holiday');
    expect(unit.cutOffMs).toBe(16 * 3_600_000);
  });

  it('accepts sessions in any order and sorts them', () => {
    const calendar = createCalendar({ ...PROVINCE, weeklyHours: { mon: [workingDay[1], workingDay[0]] } });
    expect(classifyDay(calendar, '2026-02-09').officeHours).toEqual(workingDay);
  });

  it('rejects a date that does not exist', () => {
    expect(() => classifyDay(province, '2026-02-29')).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
  });
});

describe('createCalendar rejects an unusable configuration', () => {
  const rejection = (config: CalendarConfig): CalendarError => {
    try {
      createCalendar(config);
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarError);
      return error as CalendarError;
    }
    throw new Error('expected a CalendarError');
  };

  it.each([
    [
      'overlapping sessions',
      { ...PROVINCE, standardHours: [{ start: '07:30', end: '11:30' }, { start: '11:00', end: '17:00' }] },
      'Các ca làm việc 07:30–11:30 và 11:00–17:00 (ngày làm việc thông thường) chồng lên nhau; sửa lại giờ của một trong hai ca.',
    ],
    [
      'an empty session',
      { ...PROVINCE, weeklyHours: { mon: [{ start: '07:30', end: '07:30' }] } },
      'Ca làm việc 07:30–07:30 (thứ Hai) không hợp lệ: giờ kết thúc phải sau giờ bắt đầu.',
    ],
    [
      'a session ending before it starts',
      { ...PROVINCE, weeklyHours: { tue: [{ start: '17:00', end: '13:30' }] } },
      'Ca làm việc 17:00–13:30 (thứ Ba) không hợp lệ: giờ kết thúc phải sau giờ bắt đầu.',
    ],
    [
      'a worked weekday without hours',
      { ...PROVINCE, weeklyHours: { ...PROVINCE.weeklyHours, sat: [] } },
      'Chưa khai báo giờ làm việc cho thứ Bảy; thêm ít nhất một ca hoặc bỏ ngày này khỏi lịch tuần.',
    ],
    ['no working weekday at all', { ...PROVINCE, weeklyHours: {} }, 'Lịch làm việc phải có ít nhất một ngày làm việc trong tuần.'],
    [
      'an unknown weekday',
      { ...PROVINCE, weeklyHours: { monday: DEFAULT_CALENDAR_CONFIG.standardHours } as never },
      'Ngày trong tuần "monday" không hợp lệ; dùng một trong: sun, mon, tue, wed, thu, fri, sat.',
    ],
    [
      'a malformed time',
      { ...PROVINCE, cutOff: '25:00' },
      'Giá trị "25:00" của giờ chốt tiếp nhận không hợp lệ; nhập theo dạng HH:mm, ví dụ 07:30.',
    ],
    [
      'a holiday that does not exist',
      { ...PROVINCE, holidays: ['2026-13-01'] },
      'Ngày "2026-13-01" trong danh sách ngày nghỉ không hợp lệ; nhập theo dạng YYYY-MM-DD, ví dụ 2026-02-17.',
    ],
    [
      'a date both off and swapped',
      { ...PROVINCE, swappedWorkingDays: ['2026-02-14'] },
      'Ngày 14/02/2026 vừa là ngày nghỉ vừa là ngày làm bù; bỏ ngày này khỏi một trong hai danh sách.',
    ],
  ])('rejects %s', (_, config, message) => {
    const error = rejection(config as CalendarConfig);
    expect(error.code).toBe('INVALID_CALENDAR');
    expect(error.message).toBe(message);
  });
});
