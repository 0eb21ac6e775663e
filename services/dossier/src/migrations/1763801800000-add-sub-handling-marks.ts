import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A liên thông agency's part is marked due soon and overdue like the dossier and its step, once each. */
export class AddSubHandlingMarks1763801800000 implements MigrationInterface {
  name = 'AddSubHandlingMarks1763801800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dossier_sub_handlings
        ADD COLUMN due_soon_marked_at timestamptz,
        ADD COLUMN overdue_marked_at  timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dossier_sub_handlings DROP COLUMN due_soon_marked_at, DROP COLUMN overdue_marked_at');
  }
}
