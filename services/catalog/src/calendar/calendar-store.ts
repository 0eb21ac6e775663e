import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type CalendarDaysFromSetting, type OfficeSessionInput, type UnitOverrideView, type WeeklyHours } from '@mc/contracts';
import { createCalendar, DEFAULT_CALENDAR_CONFIG, type CalendarOverride, type WorkingCalendar } from '@mc/working-calendar';
import { withCalendarErrors } from './calendar-format';

/** A year's office hours and the province's receipt rules, which are set together. */
export interface OfficeHours {
  weeklyHours: WeeklyHours;
  standardHours: OfficeSessionInput[];
  cutOff: string;
  calendarDaysFrom: CalendarDaysFromSetting;
}

export interface YearRow {
  year: number;
  weekly_hours: WeeklyHours | null;
  standard_hours: OfficeSessionInput[] | null;
  cut_off: string | null;
  calendar_days_from: CalendarDaysFromSetting | null;
  days_set_at: Date | null;
  days_set_by: string | null;
  /** The days were entered from the proposal, not yet as announced. */
  days_proposed: boolean;
  revision: number;
  updated_at: Date;
  updated_by: string;
}

export interface DayRow {
  date: string;
  year: number;
  kind: 'holiday' | 'swapped_working';
  name: string;
}

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  path: string;
  valid_to: string | null;
}

export interface OverrideRow {
  unit_code: string;
  weekly_hours: WeeklyHours | null;
  standard_hours: OfficeSessionInput[] | null;
  cut_off: string | null;
  revision: number;
  updated_at: Date;
  updated_by: string;
}

const DEFAULT_HOURS: OfficeHours = {
  weeklyHours: DEFAULT_CALENDAR_CONFIG.weeklyHours as WeeklyHours,
  standardHours: [...DEFAULT_CALENDAR_CONFIG.standardHours],
  cutOff: DEFAULT_CALENDAR_CONFIG.cutOff,
  calendarDaysFrom: 'receipt',
};

/** Reads of the calendar tables that several use cases share, and the one place a library calendar is built. */
@Injectable()
export class CalendarStore {
  constructor(private readonly dataSource: DataSource) {}

  async year(year: number, manager: EntityManager = this.dataSource.manager): Promise<YearRow | undefined> {
    const rows: YearRow[] = await manager.query('SELECT * FROM calendar_years WHERE year = $1', [year]);
    return rows[0];
  }

  /** The office hours of a year: its own, else those of the latest earlier year that has some, else the defaults. */
  async hoursOf(year: number, manager: EntityManager = this.dataSource.manager): Promise<OfficeHours> {
    const rows: YearRow[] = await manager.query(
      'SELECT * FROM calendar_years WHERE year <= $1 AND weekly_hours IS NOT NULL ORDER BY year DESC LIMIT 1',
      [year],
    );
    const row = rows[0];
    return row?.weekly_hours && row.standard_hours && row.cut_off
      ? { weeklyHours: row.weekly_hours, standardHours: row.standard_hours, cutOff: row.cut_off, calendarDaysFrom: row.calendar_days_from ?? 'receipt' }
      : DEFAULT_HOURS;
  }

  /** Days off and swapped working days; of one year, or of every year when a deadline may cross into the next. */
  async days(year: number | null, manager: EntityManager = this.dataSource.manager): Promise<DayRow[]> {
    return manager.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, year, kind, name FROM calendar_days
       WHERE $1::int IS NULL OR year = $1 ORDER BY date`,
      [year],
    );
  }

  async announcedYears(manager: EntityManager = this.dataSource.manager): Promise<Set<number>> {
    const rows: { year: number }[] = await manager.query('SELECT year FROM calendar_years WHERE days_set_at IS NOT NULL AND NOT days_proposed');
    return new Set(rows.map((row) => row.year));
  }

  async unit(code: string, manager: EntityManager = this.dataSource.manager): Promise<UnitRow | undefined> {
    const rows: UnitRow[] = await manager.query(
      `SELECT code, name, kind, path, to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM calendar_units WHERE code = $1`,
      [code],
    );
    return rows[0];
  }

  async requireUnit(code: string, manager?: EntityManager): Promise<UnitRow> {
    const unit = await this.unit(code, manager);
    if (!unit) throw new AppError('NOT_FOUND', `Không tìm thấy đơn vị có mã "${code}". Kiểm tra lại mã đơn vị.`, { unitCode: code });
    return unit;
  }

  async override(unitCode: string, manager: EntityManager = this.dataSource.manager): Promise<OverrideRow | undefined> {
    const rows: OverrideRow[] = await manager.query('SELECT * FROM calendar_unit_overrides WHERE unit_code = $1', [unitCode]);
    return rows[0];
  }

  /**
   * The calendar a deadline of `unitCode` (the province when null) is computed
   * on: the office hours of `year`, every day off entered for any year (a time
   * limit may run into the next one), and the unit's override.
   */
  async workingCalendar(unitCode: string | null, year: number, manager: EntityManager = this.dataSource.manager): Promise<WorkingCalendar> {
    const hours = await this.hoursOf(year, manager);
    const days = await this.days(null, manager);
    const override = unitCode === null ? undefined : await this.override(unitCode, manager);
    return buildCalendar(hours, days, override);
  }
}

export function buildCalendar(hours: OfficeHours, days: readonly Pick<DayRow, 'date' | 'kind'>[], override?: OverrideRow): WorkingCalendar {
  return withCalendarErrors(() =>
    createCalendar(
      {
        ...hours,
        holidays: days.filter((day) => day.kind === 'holiday').map((day) => day.date),
        swappedWorkingDays: days.filter((day) => day.kind === 'swapped_working').map((day) => day.date),
      },
      overrideOf(override),
    ),
  );
}

function overrideOf(row: OverrideRow | undefined): CalendarOverride {
  if (!row) return {};
  return {
    ...(row.weekly_hours === null ? {} : { weeklyHours: row.weekly_hours }),
    ...(row.standard_hours === null ? {} : { standardHours: row.standard_hours }),
    ...(row.cut_off === null ? {} : { cutOff: row.cut_off }),
  };
}

export const hasOverride = (row: OverrideRow | undefined): row is OverrideRow =>
  row !== undefined && (row.weekly_hours !== null || row.standard_hours !== null || row.cut_off !== null);

export function toOverrideView(unit: UnitRow, row: OverrideRow | undefined): UnitOverrideView {
  return {
    unitCode: unit.code,
    unitName: unit.name,
    weeklyHours: row?.weekly_hours ?? null,
    standardHours: row?.standard_hours ?? null,
    cutOff: row?.cut_off ?? null,
    revision: row?.revision ?? 0,
    updatedAt: row?.updated_at.toISOString() ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}
