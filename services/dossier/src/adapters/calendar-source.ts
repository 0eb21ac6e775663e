import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createCalendar, DEFAULT_CALENDAR_CONFIG, type CalendarConfig, type CalendarOverride, type WorkingCalendar, vietnamYear } from '@mc/working-calendar';
import { ReadModelCache } from '../read-models/read-model-cache';
import { ReadModelFreshness } from '../read-models/read-model-freshness';

/** The working calendar deadlines of a unit are computed on. */
export interface CalendarSource {
  forUnit(unitCode: string, at: Date): Promise<WorkingCalendar>;
}
export const CALENDAR_SOURCE = Symbol('CALENDAR_SOURCE');

interface YearRow {
  year: number;
  weekly_hours: CalendarConfig['weeklyHours'];
  standard_hours: CalendarConfig['standardHours'];
  cut_off: string;
  calendar_days_from: CalendarConfig['calendarDaysFrom'];
  holidays: string[];
  swapped_working_days: string[];
}

interface OverrideRow {
  weekly_hours: CalendarConfig['weeklyHours'] | null;
  standard_hours: CalendarConfig['standardHours'] | null;
  cut_off: string | null;
}

/**
 * The catalog's calendar of a unit, kept in this service's schema
 * (read-models/record-calendar-change.ts) and built as the catalog builds it:
 * the office hours of the receipt year (or of the latest earlier year that
 * has some; Monday–Friday office hours before any was entered), every day off
 * entered for any year, since a time limit may run into the next one (and
 * Tết), and the unit's own hours. A built calendar is kept until a calendar
 * change is applied (read-model-cache.ts), so a receipt reads no row.
 */
@Injectable()
export class LocalCalendarSource implements CalendarSource {
  private readonly calendars: ReadModelCache<WorkingCalendar>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly freshness: ReadModelFreshness,
  ) {
    this.calendars = new ReadModelCache(freshness, 'calendar');
  }

  async forUnit(unitCode: string, at: Date): Promise<WorkingCalendar> {
    this.freshness.require('calendar');
    const year = vietnamYear(at);
    // Never undefined: a year without office hours entered gets the default ones.
    return (await this.calendars.get(`${unitCode}:${year}`, () => this.build(unitCode, year))) as WorkingCalendar;
  }

  private async build(unitCode: string, year: number): Promise<WorkingCalendar> {
    const years: YearRow[] = await this.dataSource.query('SELECT * FROM known_calendar_years ORDER BY year');
    const [override]: OverrideRow[] = await this.dataSource.query('SELECT * FROM known_calendar_overrides WHERE unit_code = $1', [unitCode]);
    const hours = years.filter((row) => row.year <= year).at(-1);
    const province: CalendarConfig = {
      ...(hours
        ? { weeklyHours: hours.weekly_hours, standardHours: hours.standard_hours, cutOff: hours.cut_off, calendarDaysFrom: hours.calendar_days_from }
        : DEFAULT_CALENDAR_CONFIG),
      holidays: years.flatMap((row) => row.holidays),
      swappedWorkingDays: years.flatMap((row) => row.swapped_working_days),
    };
    const own: CalendarOverride = {
      ...(override?.weekly_hours ? { weeklyHours: override.weekly_hours } : {}),
      ...(override?.standard_hours ? { standardHours: override.standard_hours } : {}),
      ...(override?.cut_off ? { cutOff: override.cut_off } : {}),
    };
    return createCalendar(province, own);
  }
}
