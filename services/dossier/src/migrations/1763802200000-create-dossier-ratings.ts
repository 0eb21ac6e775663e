import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The citizen's evaluation of a returned dossier (NĐ 61/2018 Art. 32–33): one
 * per dossier, so the primary key is the dossier and a second rating cannot be stored.
 */
export class CreateDossierRatings1763802200000 implements MigrationInterface {
  name = 'CreateDossierRatings1763802200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dossier_ratings (
        dossier_id   uuid PRIMARY KEY REFERENCES dossiers (id),
        scores       jsonb NOT NULL,
        dissatisfied boolean NOT NULL,
        comment      text,
        rated_at     timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE dossier_ratings');
  }
}
