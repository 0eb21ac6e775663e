import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDeadlineMarks1763801600000 implements MigrationInterface {
  name = 'AddDeadlineMarks1763801600000';

  async up(runner: QueryRunner): Promise<void> {
    // A mark is set in the transaction that writes its event to the outbox, so a
    // mark exists exactly when its event does; a second checker finds it set.
    await runner.query(`
      ALTER TABLE dossiers
        ADD COLUMN due_soon_marked_at      timestamptz,
        ADD COLUMN overdue_marked_at       timestamptz,
        ADD COLUMN step_due_soon_marked_at timestamptz,
        ADD COLUMN step_overdue_marked_at  timestamptz,
        ADD COLUMN apologies               jsonb NOT NULL DEFAULT '[]'`);
    // What the checker scans: open dossiers by due instant.
    await runner.query(`
      CREATE INDEX dossiers_open_by_due ON dossiers (due_at)
        WHERE state IN ('in_progress', 'approved', 'result_ready')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX dossiers_open_by_due');
    await runner.query(`
      ALTER TABLE dossiers
        DROP COLUMN due_soon_marked_at, DROP COLUMN overdue_marked_at,
        DROP COLUMN step_due_soon_marked_at, DROP COLUMN step_overdue_marked_at, DROP COLUMN apologies`);
  }
}
