import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where limits in calendar days and months count from, set with a year's
 * office hours and following them into later years. Years set before it
 * existed counted from the actual receipt (Civil Code art. 147), the default.
 */
export class AddCalendarDaysFrom1763803100000 implements MigrationInterface {
  name = 'AddCalendarDaysFrom1763803100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE calendar_years ADD COLUMN calendar_days_from text CHECK (calendar_days_from IN ('receipt', 'deemed_receipt'))`);
    await runner.query(`UPDATE calendar_years SET calendar_days_from = 'receipt' WHERE weekly_hours IS NOT NULL`);
    await runner.query(`ALTER TABLE calendar_years ADD CHECK ((weekly_hours IS NULL) = (calendar_days_from IS NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE calendar_years DROP COLUMN calendar_days_from');
  }
}
