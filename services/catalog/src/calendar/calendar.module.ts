import { Module } from '@nestjs/common';
import { CalendarChanges } from './calendar-changes';
import { CalendarStore } from './calendar-store';
import { CalendarUnitHandlers } from './calendar-units.handlers';
import { CalendarHandlers } from './calendar.handlers';
import { ComputeDueDate } from './compute-due-date';
import { ComputeWorkingTime } from './compute-working-time';
import { GetCalendar } from './get-calendar';
import { LoadDemoCalendar } from './load-demo-calendar';
import { ProposeCalendar } from './propose-calendar';
import { RecordCalendarUnit } from './record-calendar-unit';
import { SetCalendarDays } from './set-calendar-days';
import { SetCalendarHours } from './set-calendar-hours';
import { SetUnitOverride } from './set-unit-override';

/** The working-day calendar inside the catalog service; its tables come with CALENDAR_MIGRATIONS. */
@Module({
  controllers: [CalendarHandlers, CalendarUnitHandlers],
  providers: [
    CalendarStore,
    CalendarChanges,
    GetCalendar,
    ProposeCalendar,
    SetCalendarDays,
    SetCalendarHours,
    SetUnitOverride,
    ComputeDueDate,
    ComputeWorkingTime,
    RecordCalendarUnit,
    LoadDemoCalendar,
  ],
  // The catalog service loads the demo's days off once it has started.
  exports: [LoadDemoCalendar],
})
export class CalendarModule {}
