import { Injectable } from '@nestjs/common';
import { CalendarSubjects, type CalendarView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';
import { createCalendar, DEFAULT_CALENDAR_CONFIG, type WorkingCalendar } from '@mc/working-calendar';

/** The working calendar deadlines of a unit are computed on. */
export interface CalendarSource {
  /** `headers` carry the caller's token, for a source that asks another service on the caller's behalf. */
  forUnit(unitCode: string, at: Date, headers?: Record<string, string | undefined>): Promise<WorkingCalendar>;
}
export const CALENDAR_SOURCE = Symbol('CALENDAR_SOURCE');

const YEARS_AHEAD = 1;
const CACHE_MS = 60_000;

/**
 * The catalog's calendar of the unit for the receipt year and the next one, so a
 * deadline that crosses New Year (and Tết) still sees the next year's holidays.
 * Calendars change a few times a year, dossiers arrive every second: one is kept,
 * and after a minute the next request still gets it at once while a fresh copy is
 * fetched behind it. Only a unit's first request waits for the catalog, so an
 * action rarely holds its dossier's row lock across a request to another service.
 */
@Injectable()
export class CatalogCalendarSource implements CalendarSource {
  private readonly cache = new Map<string, { calendar: WorkingCalendar; until: number; refreshing?: Promise<void> }>();

  constructor(
    private readonly bus: NatsClientProxy,
    private readonly keepMs = CACHE_MS,
  ) {}

  async forUnit(unitCode: string, at: Date, headers: Record<string, string | undefined> = {}): Promise<WorkingCalendar> {
    const year = Number(new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 4));
    const key = `${unitCode}:${year}`;
    const cached = this.cache.get(key);
    if (!cached) return this.fetch(key, unitCode, year, headers);
    if (cached.until <= Date.now() && !cached.refreshing) {
      // A failed refresh keeps the calendar it had; the next request tries again.
      cached.refreshing = this.fetch(key, unitCode, year, headers).then(
        () => undefined,
        () => void (cached.refreshing = undefined),
      );
    }
    return cached.calendar;
  }

  private async fetch(key: string, unitCode: string, year: number, headers: Record<string, string | undefined>): Promise<WorkingCalendar> {
    const views = await Promise.all(
      Array.from({ length: YEARS_AHEAD + 1 }, (_, offset) =>
        this.bus.request<CalendarView>(CalendarSubjects.get, { year: year + offset, unitCode }, headers),
      ),
    );
    // Office hours and the cut-off are those of the receipt year; holidays come from every year fetched.
    const { weeklyHours, standardHours, cutOff, calendarDaysFrom } = views[0] as CalendarView;
    const calendar = createCalendar({
      weeklyHours,
      standardHours,
      cutOff,
      calendarDaysFrom,
      holidays: views.flatMap((view) => view.nonWorkingDays.filter((day) => day.kind === 'holiday').map((day) => day.date)),
      swappedWorkingDays: views.flatMap((view) => view.swappedWorkingDays.map((day) => day.date)),
    });
    this.cache.set(key, { calendar, until: Date.now() + this.keepMs });
    return calendar;
  }
}

/**
 * Monday–Friday office hours with no holidays: for the default profile when no
 * catalog calendar is available. Deadlines over Tết would be too early with it.
 */
@Injectable()
export class DefaultProfileCalendarSource implements CalendarSource {
  private readonly calendar = createCalendar(DEFAULT_CALENDAR_CONFIG);

  async forUnit(): Promise<WorkingCalendar> {
    return this.calendar;
  }
}
