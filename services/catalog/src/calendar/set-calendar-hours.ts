import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { calendarChangedV1, type CalendarView, type SetCalendarHoursRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, systemClock, type Clock } from '@mc/service-runtime';
import { requireProvinceCalendarEditor } from './calendar-access';
import { CalendarChanges } from './calendar-changes';
import { checkRevision, checkSwappedDays, lockYear, provinceChanged } from './calendar-rules';
import { buildCalendar, CalendarStore, type OfficeHours } from './calendar-store';
import { calendarView } from './calendar-view';

/**
 * Sets the province's office hours, receipt cut-off and where calendar-day
 * limits count from, from a year on: the following years that have no hours
 * of their own follow this one.
 */
@Injectable()
export class SetCalendarHours {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CalendarStore,
    private readonly outbox: Outbox,
    private readonly changes: CalendarChanges,
    // Optional: the calendar also runs as a module of its own, without the catalog's clock.
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async execute(input: SetCalendarHoursRequest, principal: Principal): Promise<CalendarView> {
    requireProvinceCalendarEditor(principal);
    return this.dataSource.transaction(async (manager) => {
      const { year } = input;
      const current = await lockYear(manager, year, principal.username);
      checkRevision(current.revision, input.expectedRevision, `Lịch năm ${year}`);
      const hours: OfficeHours = {
        weeklyHours: input.weeklyHours,
        standardHours: input.standardHours,
        cutOff: input.cutOff,
        calendarDaysFrom: input.calendarDaysFrom,
      };
      const days = await this.store.days(year, manager);
      checkSwappedDays(hours, days.filter((day) => day.kind === 'swapped_working'));
      // Overlapping or reversed sessions, a week with no working day: refused before anything is written.
      buildCalendar(hours, days);

      const before = await this.store.hoursOf(year, manager);
      const revision = current.revision + 1;
      const now = this.clock.now();
      await manager.query(
        `UPDATE calendar_years SET weekly_hours = $2, standard_hours = $3, cut_off = $4, calendar_days_from = $8, revision = $5, updated_at = $6,
         updated_by = $7 WHERE year = $1`,
        [year, JSON.stringify(hours.weeklyHours), JSON.stringify(hours.standardHours), hours.cutOff, revision, now, principal.username, hours.calendarDaysFrom],
      );
      await this.changes.record(manager, {
        scope: 'province',
        year,
        action: 'calendar.hours.set',
        revision,
        before,
        after: hours,
        actor: principal.username,
      });
      await this.outbox.add(manager, calendarChangedV1, provinceChanged(year, hours, days, revision, now, principal.username));
      return calendarView(this.store, manager, year);
    });
  }
}
