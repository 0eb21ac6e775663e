import type { EntityManager } from 'typeorm';
import { AppError, displayIsoDate, type CalendarChanged } from '@mc/contracts';
import { weekdayName, weekdayOf } from './calendar-format';
import type { DayRow, OfficeHours, YearRow } from './calendar-store';

/**
 * The year's row, created empty if the year was never edited, and locked: two
 * admins saving the same year one after the other, never interleaved.
 */
export async function lockYear(manager: EntityManager, year: number, actor: string): Promise<YearRow> {
  await manager.query(
    'INSERT INTO calendar_years (year, revision, updated_at, updated_by) VALUES ($1, 0, now(), $2) ON CONFLICT (year) DO NOTHING',
    [year, actor],
  );
  const rows: YearRow[] = await manager.query('SELECT * FROM calendar_years WHERE year = $1 FOR UPDATE', [year]);
  return rows[0];
}

/** Refuses a save made from a calendar someone else has changed since it was opened. */
export function checkRevision(current: number, expected: number | undefined, what: string): void {
  if (expected !== undefined && expected !== current) {
    throw new AppError(
      'CONFLICT',
      `${what} vừa được người khác sửa (phiên bản ${current}, bạn đang sửa từ phiên bản ${expected}). Tải lại lịch, kiểm tra rồi lưu lại.`,
      { currentRevision: current, expectedRevision: expected },
    );
  }
}

/**
 * A swapped working day makes up for a day off given elsewhere, so it must be a
 * weekly day off; on a day already worked it would change nothing, which means
 * a typing error.
 */
export function checkSwappedDays(hours: Pick<OfficeHours, 'weeklyHours'>, swapped: readonly { date: string }[]): void {
  const issues = swapped
    .map((day, index) => ({ day, index }))
    .filter(({ day }) => hours.weeklyHours[weekdayOf(day.date)] !== undefined)
    .map(({ day, index }) => ({
      path: `swappedWorkingDays.${index}.date`,
      message: `Ngày ${displayIsoDate(day.date)} (${weekdayName(day.date)}) vốn là ngày làm việc theo lịch tuần; chỉ ngày nghỉ hằng tuần mới có thể là ngày làm bù.`,
    }));
  const [first] = issues;
  if (first) throw new AppError('VALIDATION_FAILED', `Dữ liệu không hợp lệ (trường "${first.path}"): ${first.message}`, { issues });
}

export function provinceChanged(
  year: number,
  hours: OfficeHours,
  days: readonly Pick<DayRow, 'date' | 'kind' | 'name'>[],
  revision: number,
  changedAt: Date,
  changedBy: string,
): CalendarChanged {
  const list = (kind: DayRow['kind']) => days.filter((day) => day.kind === kind).map(({ date, name }) => ({ date, name }));
  return {
    scope: 'province',
    year,
    holidays: list('holiday'),
    swappedWorkingDays: list('swapped_working'),
    weeklyHours: hours.weeklyHours,
    standardHours: hours.standardHours,
    cutOff: hours.cutOff,
    calendarDaysFrom: hours.calendarDaysFrom,
    revision,
    changedAt: changedAt.toISOString(),
    changedBy,
  };
}
