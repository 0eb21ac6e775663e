import { Injectable } from '@nestjs/common';
import { calendarChangedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const CALENDAR_CONSUMER = 'dossier.calendar';

/**
 * Keeps the working calendar deadlines are computed on: each province year as
 * the catalog last saved it (office hours, days off, swapped working days) and
 * each unit's own hours. Every change carries the whole year or override and
 * its revision, so an older change handled late is ignored.
 */
@Injectable()
export class RecordCalendarChange {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<boolean> {
    const change = calendarChangedV1.schema.parse(event.data);
    return this.inbox.handleOnce(CALENDAR_CONSUMER, event.id, async (manager) => {
      if (change.scope === 'province') {
        await manager.query(
          `INSERT INTO known_calendar_years (year, weekly_hours, standard_hours, cut_off, calendar_days_from, holidays, swapped_working_days, revision)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (year) DO UPDATE SET weekly_hours = EXCLUDED.weekly_hours, standard_hours = EXCLUDED.standard_hours, cut_off = EXCLUDED.cut_off,
             calendar_days_from = EXCLUDED.calendar_days_from, holidays = EXCLUDED.holidays, swapped_working_days = EXCLUDED.swapped_working_days,
             revision = EXCLUDED.revision
           WHERE known_calendar_years.revision < EXCLUDED.revision`,
          [
            change.year,
            JSON.stringify(change.weeklyHours),
            JSON.stringify(change.standardHours),
            change.cutOff,
            // Changes recorded before the setting existed counted calendar days from the receipt.
            change.calendarDaysFrom ?? 'receipt',
            JSON.stringify(change.holidays.map((day) => day.date)),
            JSON.stringify(change.swappedWorkingDays.map((day) => day.date)),
            change.revision,
          ],
        );
        return;
      }
      await manager.query(
        `INSERT INTO known_calendar_overrides (unit_code, weekly_hours, standard_hours, cut_off, revision) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (unit_code) DO UPDATE SET weekly_hours = EXCLUDED.weekly_hours, standard_hours = EXCLUDED.standard_hours,
           cut_off = EXCLUDED.cut_off, revision = EXCLUDED.revision
         WHERE known_calendar_overrides.revision < EXCLUDED.revision`,
        [
          change.unitCode,
          change.weeklyHours === null ? null : JSON.stringify(change.weeklyHours),
          change.standardHours === null ? null : JSON.stringify(change.standardHours),
          change.cutOff,
          change.revision,
        ],
      );
    });
  }
}
