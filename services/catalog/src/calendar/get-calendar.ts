import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarRequest, CalendarView } from '@mc/contracts';
import { CalendarStore } from './calendar-store';
import { calendarView } from './calendar-view';

/**
 * A year's calendar for a unit (the province's when no unit is named): every
 * day off by name, office hours, cut-off. Office hours and holidays are public
 * notices: anyone may read them, signed in or not, and so may a service's own
 * scheduled work that acts for nobody (the dossier service's deadline check).
 */
@Injectable()
export class GetCalendar {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CalendarStore,
  ) {}

  async execute(input: CalendarRequest): Promise<CalendarView> {
    // One snapshot, so a save landing between the reads cannot mix two versions of the year.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const unit = input.unitCode === undefined ? undefined : await this.store.requireUnit(input.unitCode, manager);
      return calendarView(this.store, manager, input.year, unit);
    });
  }
}
