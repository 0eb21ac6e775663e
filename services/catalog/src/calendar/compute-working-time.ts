import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WorkingTimeRequest, WorkingTimeView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { vietnamIso, vietnamYear, workingTimeBetween } from '@mc/working-calendar';
import { requireStaff } from './calendar-access';
import { hoursDisplay, intervalMs, withCalendarErrors, yearsBetween } from './calendar-format';
import { CalendarStore } from './calendar-store';
import { unannouncedWarning } from './unannounced-years';

/** Office time between two instants on a unit's calendar, e.g. how long a step actually took; hours of the earlier instant's year. */
@Injectable()
export class ComputeWorkingTime {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CalendarStore,
  ) {}

  async execute(input: WorkingTimeRequest, principal: Principal): Promise<WorkingTimeView> {
    requireStaff(principal);
    const { fromMs, toMs } = intervalMs(input.from, input.to);
    const { calendar, announced } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      if (input.unitCode !== undefined) await this.store.requireUnit(input.unitCode, manager);
      return {
        calendar: await this.store.workingCalendar(input.unitCode ?? null, vietnamYear(Math.min(fromMs, toMs)), manager),
        announced: await this.store.announcedYears(manager),
      };
    });
    const workingMilliseconds = withCalendarErrors(() => workingTimeBetween(input.from, input.to, calendar));
    const unannouncedYears = yearsBetween(fromMs, toMs).filter((year) => !announced.has(year));
    return {
      unitCode: input.unitCode ?? null,
      from: vietnamIso(new Date(fromMs)),
      to: vietnamIso(new Date(toMs)),
      workingMilliseconds,
      workingHoursDisplay: hoursDisplay(workingMilliseconds),
      unannouncedYears,
      warning: unannouncedWarning(unannouncedYears),
    };
  }
}
