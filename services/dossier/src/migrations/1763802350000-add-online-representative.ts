import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who filed an online dossier when it was not the applicant as proven: the
 * filing account and the ID number it had proven then (null: none). The
 * applicant's ID number is a column of its own, so that a citizen's proven
 * number finds the dossiers filed for it.
 */
export class AddOnlineRepresentative1763802350000 implements MigrationInterface {
  name = 'AddOnlineRepresentative1763802350000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dossiers
        ADD COLUMN applicant_id_number      text GENERATED ALWAYS AS (applicant ->> 'idNumber') STORED,
        ADD COLUMN representative_subject   text,
        ADD COLUMN representative_username  text,
        ADD COLUMN representative_id_number text,
        ADD CONSTRAINT dossiers_representative_complete CHECK (
          (representative_subject IS NULL AND representative_username IS NULL AND representative_id_number IS NULL)
          OR (representative_subject IS NOT NULL AND representative_username IS NOT NULL AND channel = 2))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dossiers DROP CONSTRAINT dossiers_representative_complete, DROP COLUMN representative_id_number,
        DROP COLUMN representative_username, DROP COLUMN representative_subject, DROP COLUMN applicant_id_number`);
  }
}
