import { z } from 'zod';
import { defineEvent } from './events';

/**
 * The working-day calendar (lịch làm việc): the province's calendar per year
 * (holidays, swapped working days, office hours, the receipt cut-off) and the
 * units' overrides of the office hours, kept by the catalog service. Processing
 * deadlines are computed on it, so every service asks here rather than keeping
 * a calendar of its own.
 */
export const CalendarSubjects = {
  get: 'catalog.calendar.get',
  propose: 'catalog.calendar.propose',
  setDays: 'catalog.calendar.set-days',
  setHours: 'catalog.calendar.set-hours',
  setUnitOverride: 'catalog.calendar.set-unit-override',
  dueDate: 'catalog.calendar.due-date',
  workingTime: 'catalog.calendar.working-time',
} as const;

// Years outside this span are typing errors, not calendars anyone will announce.
export const FIRST_CALENDAR_YEAR = 2000;
export const LAST_CALENDAR_YEAR = 2199;

export const CALENDAR_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type CalendarWeekday = (typeof CALENDAR_WEEKDAYS)[number];

export const CALENDAR_DURATION_UNITS = ['working_days', 'days', 'months', 'working_hours', 'hours'] as const;
export type CalendarDurationUnit = (typeof CALENDAR_DURATION_UNITS)[number];

/**
 * The day limits in calendar days and months count from: `receipt`, the day
 * actually received (Civil Code 2015 art. 147, the default), or
 * `deemed_receipt`, the day the receipt cut-off deems it received. See
 * CalendarDaysFrom in @mc/working-calendar for both readings.
 */
export const CALENDAR_DAYS_FROM = ['receipt', 'deemed_receipt'] as const;
export type CalendarDaysFromSetting = (typeof CALENDAR_DAYS_FROM)[number];

/** "2026-02-17" → "17/02/2026", for messages. */
export const displayIsoDate = (date: string): string => date.split('-').reverse().join('/');

// ---- building blocks -----------------------------------------------------------------------------

const rejectUnknownKeys = (where: string) => ({
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `${where} không có trường ${issue.keys?.map((key) => `"${key}"`).join(', ')}.` : undefined,
});

/** Path and query values arrive as strings, and an empty `?unit=` means "not given". */
const fromQuery = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const calendarYearSchema = z.coerce
  .number({ error: 'Năm phải là một số, ví dụ 2026.' })
  .int('Năm phải là số nguyên, ví dụ 2026.')
  .min(FIRST_CALENDAR_YEAR, `Năm phải trong khoảng ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}.`)
  .max(LAST_CALENDAR_YEAR, `Năm phải trong khoảng ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}.`);

/** Codes as the identity service issues them: `20`, `05983`, `05983.TTPVHCC`. */
export const calendarUnitCodeSchema = z
  .string({ error: 'Thiếu mã đơn vị.' })
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z][0-9A-Z.]{1,39}$/, 'Mã đơn vị không hợp lệ (ví dụ 20, 05983 hoặc 05983.TTPVHCC).');

const timeOfDay = (label: string) =>
  z.string({ error: `Thiếu ${label}.` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label.charAt(0).toUpperCase()}${label.slice(1)} phải có dạng HH:mm, ví dụ 07:30.`);

export const officeSessionSchema = z.strictObject(
  { start: timeOfDay('giờ bắt đầu ca'), end: timeOfDay('giờ kết thúc ca') },
  rejectUnknownKeys('Ca làm việc'),
);
export type OfficeSessionInput = z.infer<typeof officeSessionSchema>;

const sessionsSchema = z
  .array(officeSessionSchema, { error: 'Giờ làm việc phải là danh sách ca, ví dụ [{"start":"07:30","end":"11:30"}].' })
  .min(1, 'Mỗi ngày làm việc cần ít nhất một ca; bỏ hẳn ngày đó nếu là ngày nghỉ hằng tuần.')
  .max(6, 'Mỗi ngày tối đa 6 ca làm việc.');

/** A weekday left out is a weekly day off. Overlapping sessions are refused where the calendar is built. */
export const weeklyHoursSchema = z.strictObject(
  Object.fromEntries(CALENDAR_WEEKDAYS.map((weekday) => [weekday, sessionsSchema.optional()])) as Record<
    CalendarWeekday,
    z.ZodOptional<typeof sessionsSchema>
  >,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Lịch tuần chỉ dùng các ngày ${CALENDAR_WEEKDAYS.join(', ')} (không có ${issue.keys.map((key) => `"${key}"`).join(', ')}).`
        : undefined,
  },
);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

const isoDate = z.iso.date({ error: 'Ngày phải là ngày hợp lệ dạng YYYY-MM-DD, ví dụ 2026-02-17.' });
const dayName = (label: string) =>
  z
    .string({ error: `Thiếu ${label}.` })
    .trim()
    .min(1, `${label.charAt(0).toUpperCase()}${label.slice(1)} không được để trống.`)
    .max(200, `${label.charAt(0).toUpperCase()}${label.slice(1)} tối đa 200 ký tự.`);

const holidaySchema = z.strictObject({ date: isoDate, name: dayName('tên ngày nghỉ') }, rejectUnknownKeys('Ngày nghỉ'));
const swappedDaySchema = z.strictObject(
  { date: isoDate, name: dayName('ghi chú ngày làm bù').default('Ngày làm việc bù') },
  rejectUnknownKeys('Ngày làm bù'),
);

/** The revision the editor started from; a save over someone else's newer change is refused. */
const expectedRevision = z.number({ error: 'Số phiên bản lịch phải là số.' }).int().min(0).optional();

// ---- requests ------------------------------------------------------------------------------------

export const calendarRequestSchema = z.strictObject(
  { year: calendarYearSchema, unitCode: fromQuery(calendarUnitCodeSchema) },
  rejectUnknownKeys('Yêu cầu'),
);
export type CalendarRequest = z.infer<typeof calendarRequestSchema>;

export const calendarProposalRequestSchema = z.strictObject({ year: calendarYearSchema }, rejectUnknownKeys('Yêu cầu'));

/** Replaces the year's whole lists: what the admin sends is the year's announced schedule. */
export const setCalendarDaysRequestSchema = z
  .strictObject(
    {
      year: calendarYearSchema,
      holidays: z.array(holidaySchema, { error: 'Danh sách ngày nghỉ (holidays) phải là một danh sách.' }).max(60, 'Tối đa 60 ngày nghỉ trong một năm.'),
      swappedWorkingDays: z
        .array(swappedDaySchema, { error: 'Danh sách ngày làm bù (swappedWorkingDays) phải là một danh sách.' })
        .max(30, 'Tối đa 30 ngày làm bù trong một năm.')
        .default([]),
      expectedRevision,
    },
    rejectUnknownKeys('Lịch nghỉ của năm'),
  )
  .superRefine((input, context) => {
    const seen = new Map<string, string>();
    const check = (list: 'holidays' | 'swappedWorkingDays', label: string) =>
      input[list].forEach((day, index) => {
        if (!day.date.startsWith(`${input.year}-`)) {
          context.addIssue({
            code: 'custom',
            path: [list, index, 'date'],
            message: `Ngày ${displayIsoDate(day.date)} không thuộc năm ${input.year}; lịch của năm nào chỉ ghi các ngày của năm đó.`,
          });
        }
        const earlier = seen.get(day.date);
        if (earlier !== undefined) {
          context.addIssue({
            code: 'custom',
            path: [list, index, 'date'],
            message:
              earlier === label
                ? `Ngày ${displayIsoDate(day.date)} được ghi hai lần trong danh sách ${label}.`
                : `Ngày ${displayIsoDate(day.date)} vừa là ngày nghỉ vừa là ngày làm bù; bỏ ngày này khỏi một trong hai danh sách.`,
          });
        }
        seen.set(day.date, label);
      });
    check('holidays', 'ngày nghỉ');
    check('swappedWorkingDays', 'ngày làm bù');
  });
export type SetCalendarDaysRequest = z.infer<typeof setCalendarDaysRequestSchema>;

export const setCalendarHoursRequestSchema = z.strictObject(
  {
    year: calendarYearSchema,
    weeklyHours: weeklyHoursSchema,
    /** Office hours of a swapped working day. */
    standardHours: sessionsSchema,
    cutOff: timeOfDay('giờ chốt tiếp nhận'),
    calendarDaysFrom: z
      .enum(CALENDAR_DAYS_FROM, {
        error:
          'Cách tính thời hạn theo ngày, tháng (calendarDaysFrom) phải là receipt (từ ngày tiếp nhận thực tế, Bộ luật Dân sự điều 147) hoặc deemed_receipt (từ ngày được coi là tiếp nhận theo giờ chốt).',
      })
      .default('receipt'),
    expectedRevision,
  },
  rejectUnknownKeys('Giờ làm việc của năm'),
);
export type SetCalendarHoursRequest = z.infer<typeof setCalendarHoursRequestSchema>;

/**
 * A unit's differences from the province, e.g. a centre open on Saturday
 * mornings. Each field given replaces the province's whole field; null (or
 * left out) follows the province. Holidays are the province's for every unit.
 */
export const setUnitOverrideRequestSchema = z.strictObject(
  {
    unitCode: calendarUnitCodeSchema,
    weeklyHours: weeklyHoursSchema.nullable().default(null),
    standardHours: sessionsSchema.nullable().default(null),
    cutOff: timeOfDay('giờ chốt tiếp nhận').nullable().default(null),
    expectedRevision,
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Đơn vị chỉ được điều chỉnh giờ làm việc (weeklyHours, standardHours) và giờ chốt tiếp nhận (cutOff); ngày nghỉ lễ do tỉnh công bố chung (trường không được phép: ${issue.keys.join(', ')}).`
        : undefined,
  },
);
export type SetUnitOverrideRequest = z.infer<typeof setUnitOverrideRequestSchema>;

// The calendar checks the instants themselves (offset required, date exists) with messages naming the field.
const instant = (label: string) =>
  z.string({ error: `Thiếu thời điểm ${label} (ISO 8601 có múi giờ, ví dụ 2026-02-13T10:00:00+07:00).` }).max(40, `Thời điểm ${label} quá dài.`);

export const calendarDurationSchema = z.strictObject(
  {
    value: z.number({ error: 'Thời hạn (value) phải là một số.' }),
    unit: z.enum(CALENDAR_DURATION_UNITS, {
      error: 'Đơn vị thời hạn phải là working_days (ngày làm việc), days (ngày), months (tháng), working_hours (giờ làm việc) hoặc hours (giờ).',
    }),
  },
  rejectUnknownKeys('Thời hạn'),
);

export const dueDateRequestSchema = z.strictObject(
  {
    /** Left out: the province calendar. */
    unitCode: calendarUnitCodeSchema.optional(),
    receivedAt: instant('tiếp nhận'),
    duration: calendarDurationSchema,
    pauses: z
      .array(z.strictObject({ start: instant('bắt đầu tạm dừng'), end: instant('kết thúc tạm dừng') }, rejectUnknownKeys('Khoảng tạm dừng')))
      .max(200, 'Tối đa 200 khoảng tạm dừng.')
      .default([]),
  },
  rejectUnknownKeys('Yêu cầu tính hạn'),
);
export type DueDateRequest = z.infer<typeof dueDateRequestSchema>;

export const workingTimeRequestSchema = z.strictObject(
  { unitCode: calendarUnitCodeSchema.optional(), from: instant('bắt đầu'), to: instant('kết thúc') },
  rejectUnknownKeys('Yêu cầu tính thời gian làm việc'),
);
export type WorkingTimeRequest = z.infer<typeof workingTimeRequestSchema>;

// ---- replies -------------------------------------------------------------------------------------

export type CalendarDayKind = 'holiday' | 'weekly_rest' | 'swapped_working';

export interface CalendarDayView {
  date: string;
  /** dd/mm/yyyy */
  display: string;
  /** "thứ Hai" … "Chủ nhật" */
  weekday: string;
  kind: CalendarDayKind;
  name: string;
  /** Empty on a day off. */
  officeHours: OfficeSessionInput[];
}

export interface UnitOverrideView {
  unitCode: string;
  unitName: string;
  weeklyHours: WeeklyHours | null;
  standardHours: OfficeSessionInput[] | null;
  cutOff: string | null;
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A year's calendar as it applies to one unit (or to the province when no unit is named). */
export interface CalendarView {
  year: number;
  unitCode: string | null;
  unitName: string | null;
  /** False until a province admin has entered the year's holidays: only weekly days off are listed then. */
  daysAnnounced: boolean;
  /** True while the year's days off are the proposal entered ahead of the Government's announcement. */
  daysProposed: boolean;
  weeklyHours: WeeklyHours;
  standardHours: OfficeSessionInput[];
  cutOff: string;
  /** The province's: where limits in calendar days and months count from. */
  calendarDaysFrom: CalendarDaysFromSetting;
  unitOverride: UnitOverrideView | null;
  /** Every day of the year that is not worked, weekly days off included, in date order. */
  nonWorkingDays: CalendarDayView[];
  swappedWorkingDays: CalendarDayView[];
  /** The province calendar's revision for this year; send it back as expectedRevision when editing. */
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface CalendarProposalView {
  year: number;
  holidays: { date: string; display: string; weekday: string; name: string }[];
  swappedWorkingDays: { date: string; display: string; weekday: string; name: string }[];
  /** Vietnamese: what the proposal is based on and what the admin must check. */
  note: string;
}

export interface DueDateView {
  unitCode: string | null;
  receivedAt: string;
  /** The day the time limit counts from: after the cut-off and days off for working days (and for calendar days and months where the province applies the cut-off), else the day of receipt. */
  deemedReceivedOn: string;
  deemedReceivedOnDisplay: string;
  duration: { value: number; unit: CalendarDurationUnit };
  /** ISO 8601 with +07:00. */
  dueAt: string;
  /** "hh:mm dd/mm/yyyy" */
  dueAtDisplay: string;
  /** Office time the pauses covered, added to the due instant. */
  pausedWorkingMilliseconds: number;
  /** Years the computation crossed whose holidays have not been entered yet. */
  unannouncedYears: number[];
  warning: string | null;
}

export interface WorkingTimeView {
  unitCode: string | null;
  from: string;
  to: string;
  /** Negative when `to` is before `from`. */
  workingMilliseconds: number;
  /** "12 giờ 30 phút" */
  workingHoursDisplay: string;
  unannouncedYears: number[];
  warning: string | null;
}

// ---- events --------------------------------------------------------------------------------------

const sessionData = z.object({ start: z.string(), end: z.string() });
const weeklyData = z.partialRecord(z.enum(CALENDAR_WEEKDAYS), z.array(sessionData));
const dayData = z.object({ date: z.iso.date(), name: z.string() });

/**
 * Something a deadline depends on changed. A consumer recomputes the deadlines
 * of the year (province) or unit concerned; `revision` orders the changes of
 * one year or one unit, so a late redelivery can be recognised and ignored.
 */
export const calendarChangedV1 = defineEvent(
  'catalog',
  'calendar',
  'changed',
  1,
  z.discriminatedUnion('scope', [
    z.object({
      scope: z.literal('province'),
      year: z.number().int(),
      holidays: z.array(dayData),
      swappedWorkingDays: z.array(dayData),
      weeklyHours: weeklyData,
      standardHours: z.array(sessionData),
      cutOff: z.string(),
      /** Absent from changes recorded before the setting existed: `receipt`. */
      calendarDaysFrom: z.enum(CALENDAR_DAYS_FROM).optional(),
      revision: z.number().int().positive(),
      changedAt: z.iso.datetime({ offset: true }),
      changedBy: z.string(),
    }),
    z.object({
      scope: z.literal('unit'),
      unitCode: z.string(),
      weeklyHours: weeklyData.nullable(),
      standardHours: z.array(sessionData).nullable(),
      cutOff: z.string().nullable(),
      revision: z.number().int().positive(),
      changedAt: z.iso.datetime({ offset: true }),
      changedBy: z.string(),
    }),
  ]),
);
export type CalendarChanged = z.infer<typeof calendarChangedV1.schema>;
