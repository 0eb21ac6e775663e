import type { EntityManager } from 'typeorm';
import { displayIsoDate, type CalendarDayView, type CalendarView } from '@mc/contracts';
import { classifyDay } from '@mc/working-calendar';
import { datesOfYear, weekdayName } from './calendar-format';
import { buildCalendar, hasOverride, toOverrideView, type CalendarStore, type UnitRow } from './calendar-store';

const WEEKLY_REST_NAME = 'Nghỉ hằng tuần';

/** A year as it applies to `unit` (the province when absent), every day off named. */
export async function calendarView(store: CalendarStore, manager: EntityManager, year: number, unit?: UnitRow): Promise<CalendarView> {
  // One after the other: inside a transaction they share a single connection.
  const yearRow = await store.year(year, manager);
  const hours = await store.hoursOf(year, manager);
  const days = await store.days(year, manager);
  const override = unit ? await store.override(unit.code, manager) : undefined;
  const calendar = buildCalendar(hours, days, override);
  const names = new Map(days.map((day) => [day.date, day.name]));
  const nonWorkingDays: CalendarDayView[] = [];
  const swappedWorkingDays: CalendarDayView[] = [];
  for (const date of datesOfYear(year)) {
    const { kind, officeHours } = classifyDay(calendar, date);
    if (kind === 'working') continue;
    const day: CalendarDayView = {
      date,
      display: displayIsoDate(date),
      weekday: weekdayName(date),
      kind,
      name: names.get(date) ?? WEEKLY_REST_NAME,
      officeHours: officeHours.map(({ start, end }) => ({ start, end })),
    };
    (kind === 'swapped_working' ? swappedWorkingDays : nonWorkingDays).push(day);
  }
  return {
    year,
    unitCode: unit?.code ?? null,
    unitName: unit?.name ?? null,
    daysAnnounced: yearRow?.days_set_at != null && !yearRow.days_proposed,
    daysProposed: yearRow?.days_proposed ?? false,
    weeklyHours: override?.weekly_hours ?? hours.weeklyHours,
    standardHours: override?.standard_hours ?? hours.standardHours,
    cutOff: override?.cut_off ?? hours.cutOff,
    calendarDaysFrom: hours.calendarDaysFrom,
    unitOverride: unit && hasOverride(override) ? toOverrideView(unit, override) : null,
    nonWorkingDays,
    swappedWorkingDays,
    revision: yearRow?.revision ?? 0,
    updatedAt: yearRow?.updated_at.toISOString() ?? null,
    updatedBy: yearRow?.updated_by ?? null,
  };
}
