import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface CalendarChange {
  scope: 'province' | 'unit';
  year?: number;
  unitCode?: string;
  action: 'calendar.days.set' | 'calendar.hours.set' | 'calendar.unit-override.set';
  revision: number;
  before: unknown;
  after: unknown;
  actor: string;
}

/** Appends to the calendar's history in the caller's transaction, so a change and its record commit together. */
@Injectable()
export class CalendarChanges {
  async record(manager: EntityManager, change: CalendarChange): Promise<void> {
    await manager.query(
      `INSERT INTO calendar_changes (scope, year, unit_code, action, revision, before, after, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        change.scope,
        change.year ?? null,
        change.unitCode ?? null,
        change.action,
        change.revision,
        change.before === undefined || change.before === null ? null : JSON.stringify(change.before),
        JSON.stringify(change.after),
        change.actor,
      ],
    );
  }
}
