import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { parseInput, setCalendarDaysRequestSchema } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { proposeHolidays } from '@mc/working-calendar';
import { CalendarStore } from './calendar-store';
import { SetCalendarDays } from './set-calendar-days';

const demoFileSchema = z.object({
  $comment: z.string().optional(),
  years: z.array(
    z.union([
      z.object({ year: z.number().int(), holidays: z.array(z.unknown()), swappedWorkingDays: z.array(z.unknown()).optional() }),
      z.object({ year: z.number().int(), proposed: z.literal(true) }),
    ]),
  ),
});

/** The demo's province admin, as the history of each year records who entered its days. */
const DEMO_CALENDAR_EDITOR: Principal = {
  subject: 'du-lieu-mau',
  username: 'du-lieu-mau',
  kind: 'staff',
  roles: [{ role: 'province_admin', unit: '20', path: '/20/' }],
  clientId: 'du-lieu-mau',
};

/**
 * Enters the demo's days off (infra/demo/calendar.json) through the same rules
 * as an admin's save: a year listed with its days as announced, a year marked
 * `proposed` with the proposal of the Labour Code, kept as proposed. A year
 * whose days are already in is left alone, so edits made during a demo
 * survive restarts. Every year is checked before anything is written.
 */
@Injectable()
export class LoadDemoCalendar {
  constructor(
    private readonly store: CalendarStore,
    private readonly setDays: SetCalendarDays,
  ) {}

  async execute(file: string): Promise<number> {
    const { years } = demoFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const entries = years.map((entry) => {
      const proposed = 'proposed' in entry;
      const days = proposed ? { year: entry.year, holidays: proposeHolidays(entry.year), swappedWorkingDays: [] } : entry;
      try {
        return { proposed, request: parseInput(setCalendarDaysRequestSchema, days) };
      } catch (error) {
        throw new Error(`${file}: năm ${entry.year}: ${(error as Error).message}`);
      }
    });
    let entered = 0;
    for (const { proposed, request } of entries) {
      const current = await this.store.year(request.year);
      if (current?.days_set_at) continue;
      await this.setDays.execute({ ...request, expectedRevision: current?.revision ?? 0 }, DEMO_CALENDAR_EDITOR, proposed);
      entered += 1;
    }
    return entered;
  }
}
