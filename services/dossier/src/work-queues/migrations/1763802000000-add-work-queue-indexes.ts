import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work queues read only open dossiers (about 5% of the table once a province
 * has run for a while), so every index here is partial on `finished_at IS NULL`
 * and stays small as finished dossiers pile up. The choice of columns follows
 * the plans measured over 1,000,000 dossiers (docs/benchmarks.md, "Dossier work queues").
 */
export class AddWorkQueueIndexes1763802000000 implements MigrationInterface {
  name = 'AddWorkQueueIndexes1763802000000';

  async up(runner: QueryRunner): Promise<void> {
    // Who has to act next, derived by the database from the step the dossier is
    // at, so no writer can forget to keep it in step. Reception and return are
    // the receiving counter's; every other step is the competent unit's (as workflow.ts decides).
    await runner.query(`
      ALTER TABLE dossiers
        ADD COLUMN work_role text GENERATED ALWAYS AS (workflow -> step_index ->> 'role') STORED,
        ADD COLUMN work_unit_path text GENERATED ALWAYS AS (
          CASE WHEN workflow -> step_index ->> 'role' = 'clerk' THEN receiving_unit_path ELSE competent_unit_path END
        ) STORED`);
    // Province-wide queues (and the overdue / due-soon ranges) walk open dossiers in due order.
    // The included columns let the province's dashboard counts read the index
    // alone: without them, one count visited ~44,000 heap pages (300 ms cold) for 50,000 open dossiers.
    await runner.query(`
      CREATE INDEX dossiers_open_due ON dossiers (due_at, id)
        INCLUDE (paused_at, work_role, work_unit_path, receiving_unit_path, competent_unit_path,
                 procedure_code, channel, receiving_unit_code, state)
        WHERE finished_at IS NULL`);
    // "My unit" and "mine": a prefix of the acting unit's path, then due order.
    await runner.query(
      'CREATE INDEX dossiers_open_work_unit ON dossiers (work_unit_path text_pattern_ops, work_role, due_at, id) WHERE finished_at IS NULL',
    );
    // About one open dossier in ten waits for a supplement; in due order over all
    // open ones, the province's waiting queue fetched ten heap rows per row shown.
    await runner.query('CREATE INDEX dossiers_open_paused ON dossiers (due_at, id) WHERE finished_at IS NULL AND paused_at IS NOT NULL');
    // A clerk's scope is the receiving or the competent unit in the subtree: one index for each side of the OR.
    await runner.query(
      'CREATE INDEX dossiers_open_receiving ON dossiers (receiving_unit_path text_pattern_ops, due_at, id) WHERE finished_at IS NULL',
    );
    await runner.query(
      'CREATE INDEX dossiers_open_competent ON dossiers (competent_unit_path text_pattern_ops, due_at, id) WHERE finished_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX dossiers_open_competent, dossiers_open_receiving, dossiers_open_paused, dossiers_open_work_unit, dossiers_open_due');
    await runner.query('ALTER TABLE dossiers DROP COLUMN work_unit_path, DROP COLUMN work_role');
  }
}
