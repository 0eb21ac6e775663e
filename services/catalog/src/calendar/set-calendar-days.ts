import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { calendarChangedV1, type CalendarView, type SetCalendarDaysRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, systemClock, type Clock } from '@mc/service-runtime';
import { requireProvinceCalendarEditor } from './calendar-access';
import { CalendarChanges } from './calendar-changes';
import { checkRevision, checkSwappedDays, lockYear, provinceChanged } from './calendar-rules';
import { buildCalendar, CalendarStore, type DayRow } from './calendar-store';
import { calendarView } from './calendar-view';

/**
 * Saves the schedule the Government announced for a year: its days off (with
 * their names) and its swapped working days, replacing the year's lists whole.
 * Only the demo loader saves a year's proposal (`proposed`) ahead of the
 * announcement; an admin's save is the announced schedule.
 */
@Injectable()
export class SetCalendarDays {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CalendarStore,
    private readonly outbox: Outbox,
    private readonly changes: CalendarChanges,
    // Optional: the calendar also runs as a module of its own, without the catalog's clock.
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async execute(input: SetCalendarDaysRequest, principal: Principal, proposed = false): Promise<CalendarView> {
    requireProvinceCalendarEditor(principal);
    return this.dataSource.transaction(async (manager) => {
      const { year } = input;
      const current = await lockYear(manager, year, principal.username);
      checkRevision(current.revision, input.expectedRevision, `Lịch năm ${year}`);
      const hours = await this.store.hoursOf(year, manager);
      checkSwappedDays(hours, input.swappedWorkingDays);
      const days: DayRow[] = [
        ...input.holidays.map(({ date, name }) => ({ date, year, kind: 'holiday' as const, name })),
        ...input.swappedWorkingDays.map(({ date, name }) => ({ date, year, kind: 'swapped_working' as const, name })),
      ].sort((a, b) => a.date.localeCompare(b.date));
      // Built as deadlines will build it, so whatever the library refuses is refused before anything is written.
      buildCalendar(hours, days);

      const before = current.days_set_at === null ? null : await this.store.days(year, manager);
      await manager.query('DELETE FROM calendar_days WHERE year = $1', [year]);
      if (days.length > 0) {
        await manager.query(
          `INSERT INTO calendar_days (date, year, kind, name)
           SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::text[])`,
          [days.map((day) => day.date), days.map(() => year), days.map((day) => day.kind), days.map((day) => day.name)],
        );
      }
      const revision = current.revision + 1;
      const now = this.clock.now();
      await manager.query(
        `UPDATE calendar_years SET days_set_at = $2, days_set_by = $3, revision = $4, updated_at = $2, updated_by = $3, days_proposed = $5 WHERE year = $1`,
        [year, now, principal.username, revision, proposed],
      );
      const entries = (list: readonly DayRow[] | null) =>
        list && {
          holidays: list.filter((day) => day.kind === 'holiday').map(({ date, name }) => ({ date, name })),
          swappedWorkingDays: list.filter((day) => day.kind === 'swapped_working').map(({ date, name }) => ({ date, name })),
        };
      await this.changes.record(manager, {
        scope: 'province',
        year,
        action: 'calendar.days.set',
        revision,
        before: entries(before),
        after: entries(days),
        actor: principal.username,
      });
      await this.outbox.add(manager, calendarChangedV1, provinceChanged(year, hours, days, revision, now, principal.username));
      return calendarView(this.store, manager, year);
    });
  }
}
