import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, calendarChangedV1, displayIsoDate, type SetUnitOverrideRequest, type UnitOverrideView } from '@mc/contracts';
import { vietnamDate, vietnamYear } from '@mc/working-calendar';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, systemClock, type Clock } from '@mc/service-runtime';
import { requireUnitCalendarEditor } from './calendar-access';
import { CalendarChanges } from './calendar-changes';
import { checkRevision } from './calendar-rules';
import { buildCalendar, CalendarStore, hasOverride, toOverrideView, type OverrideRow } from './calendar-store';

/**
 * Sets how a unit's office hours or cut-off differ from the province's, e.g.
 * a centre that also works on Saturday mornings. Sending every field null (or
 * leaving them out) puts the unit back on the province calendar; the row and
 * its revision stay, so the history reads as one sequence.
 */
@Injectable()
export class SetUnitOverride {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CalendarStore,
    private readonly outbox: Outbox,
    private readonly changes: CalendarChanges,
    // Optional: the calendar also runs as a module of its own, without the catalog's clock.
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async execute(input: SetUnitOverrideRequest, principal: Principal): Promise<UnitOverrideView> {
    const unit = await this.store.requireUnit(input.unitCode);
    requireUnitCalendarEditor(principal, unit);
    const now = this.clock.now();
    if (unit.valid_to !== null && unit.valid_to < vietnamDate(now)) {
      throw new AppError(
        'CONFLICT',
        `${unit.name} (mã ${unit.code}) đã hết hiệu lực từ ngày ${displayIsoDate(unit.valid_to)}; không điều chỉnh lịch làm việc cho đơn vị này nữa.`,
        { unitCode: unit.code },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO calendar_unit_overrides (unit_code, revision, updated_at, updated_by) VALUES ($1, 0, now(), $2)
         ON CONFLICT (unit_code) DO NOTHING`,
        [unit.code, principal.username],
      );
      const rows: OverrideRow[] = await manager.query('SELECT * FROM calendar_unit_overrides WHERE unit_code = $1 FOR UPDATE', [unit.code]);
      const current = rows[0];
      checkRevision(current.revision, input.expectedRevision, `Lịch làm việc của ${unit.name}`);
      const next: OverrideRow = {
        unit_code: unit.code,
        weekly_hours: input.weeklyHours,
        standard_hours: input.standardHours,
        cut_off: input.cutOff,
        revision: current.revision + 1,
        updated_at: now,
        updated_by: principal.username,
      };
      // Checked on this year's province calendar, as the unit's next deadlines will be computed.
      buildCalendar(await this.store.hoursOf(vietnamYear(now.getTime()), manager), [], next);

      await manager.query(
        `UPDATE calendar_unit_overrides SET weekly_hours = $2, standard_hours = $3, cut_off = $4, revision = $5, updated_at = $6, updated_by = $7
         WHERE unit_code = $1`,
        [
          unit.code,
          next.weekly_hours === null ? null : JSON.stringify(next.weekly_hours),
          next.standard_hours === null ? null : JSON.stringify(next.standard_hours),
          next.cut_off,
          next.revision,
          now,
          principal.username,
        ],
      );
      const fields = (row: OverrideRow) => ({ weeklyHours: row.weekly_hours, standardHours: row.standard_hours, cutOff: row.cut_off });
      await this.changes.record(manager, {
        scope: 'unit',
        unitCode: unit.code,
        action: 'calendar.unit-override.set',
        revision: next.revision,
        before: hasOverride(current) ? fields(current) : null,
        after: fields(next),
        actor: principal.username,
      });
      await this.outbox.add(manager, calendarChangedV1, {
        scope: 'unit',
        unitCode: unit.code,
        ...fields(next),
        revision: next.revision,
        changedAt: now.toISOString(),
        changedBy: principal.username,
      });
      return toOverrideView(unit, next);
    });
  }
}
