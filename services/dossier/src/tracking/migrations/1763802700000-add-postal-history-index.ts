import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public tracking reads a dossier's postal steps with every lookup, and most dossiers have none: through this
 * index the lookup touches no history row of a dossier without postal steps, where the primary key made it read
 * and filter every entry of its history.
 */
export class AddPostalHistoryIndex1763802700000 implements MigrationInterface {
  name = 'AddPostalHistoryIndex1763802700000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX dossier_history_postal ON dossier_history (dossier_id) WHERE entry->>'action' = 'postal'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX dossier_history_postal');
  }
}
