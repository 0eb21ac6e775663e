import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { displayIsoDate, type DueDateRequest, type DueDateView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { dueAt, formatVietnamDateTime, vietnamDate, vietnamIso, vietnamYear, workingTimeBetween } from '@mc/working-calendar';
import { requireStaff } from './calendar-access';
import { receiptMs, withCalendarErrors, yearsBetween } from './calendar-format';
import { CalendarStore } from './calendar-store';
import { unannouncedWarning } from './unannounced-years';

/**
 * The processing deadline (hạn giải quyết) of a dossier received by a unit, on
 * that unit's calendar; see deadline.ts in @mc/working-calendar for the rules.
 * The office hours are those of the year of receipt: the hours in force when a
 * dossier is received govern its whole time limit. Pauses move it only by the
 * office time they overlap while the limit runs; the rest is clipped, and
 * `pausedWorkingMilliseconds` says how much counted.
 */
@Injectable()
export class ComputeDueDate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CalendarStore,
  ) {}

  async execute(input: DueDateRequest, principal: Principal): Promise<DueDateView> {
    requireStaff(principal);
    const received = receiptMs(input.receivedAt);
    const { calendar, announced } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      if (input.unitCode !== undefined) await this.store.requireUnit(input.unitCode, manager);
      return {
        calendar: await this.store.workingCalendar(input.unitCode ?? null, vietnamYear(received), manager),
        announced: await this.store.announcedYears(manager),
      };
    });
    return withCalendarErrors(() => {
      const due = dueAt(input.receivedAt, input.duration, calendar);
      const dueAfterPauses = dueAt(input.receivedAt, input.duration, calendar, input.pauses);
      const { unit } = input.duration;
      const cutOffApplies = unit === 'working_days' || ((unit === 'days' || unit === 'months') && calendar.calendarDaysFrom === 'deemed_receipt');
      // A zero-day limit ends on the deemed receipt day itself, so the library's own rule names that day.
      const deemed = cutOffApplies ? vietnamDate(dueAt(input.receivedAt, { value: 0, unit: 'working_days' }, calendar)) : vietnamDate(new Date(received));
      // Wall-clock hours never look at the calendar; only pauses would.
      const calendarUsed = input.duration.unit !== 'hours' || input.pauses.length > 0;
      const unannouncedYears = calendarUsed ? yearsBetween(received, dueAfterPauses.getTime()).filter((year) => !announced.has(year)) : [];
      return {
        unitCode: input.unitCode ?? null,
        receivedAt: vietnamIso(new Date(received)),
        deemedReceivedOn: deemed,
        deemedReceivedOnDisplay: displayIsoDate(deemed),
        duration: input.duration,
        dueAt: vietnamIso(dueAfterPauses),
        dueAtDisplay: formatVietnamDateTime(dueAfterPauses),
        pausedWorkingMilliseconds: workingTimeBetween(due, dueAfterPauses, calendar),
        unannouncedYears,
        warning: unannouncedWarning(unannouncedYears),
      };
    });
  }
}
