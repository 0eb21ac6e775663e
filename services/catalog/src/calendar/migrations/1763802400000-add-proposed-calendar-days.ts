import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A year's days off may be entered from the proposal before the Government
 * announces them (the demo does so for the coming year): deadlines then skip
 * them, but the year is still not announced and results that lean on it still
 * say they may change.
 */
export class AddProposedCalendarDays1763802400000 implements MigrationInterface {
  name = 'AddProposedCalendarDays1763802400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE calendar_years
        ADD COLUMN days_proposed boolean NOT NULL DEFAULT false,
        ADD CHECK (NOT days_proposed OR days_set_at IS NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE calendar_years DROP COLUMN days_proposed');
  }
}
