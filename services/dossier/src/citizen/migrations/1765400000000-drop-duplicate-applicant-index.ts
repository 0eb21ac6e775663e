import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My dossiers" and the returning-applicant lookup each created the same index on the applicant's ID number;
 * dossiers_applicant_latest serves both, and every receipt paid for writing the second copy.
 */
export class DropDuplicateApplicantIndex1765400000000 implements MigrationInterface {
  name = 'DropDuplicateApplicantIndex1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX IF EXISTS dossiers_applicant_id_number');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX dossiers_applicant_id_number ON dossiers (applicant_id_number, received_at DESC) WHERE applicant_id_number IS NOT NULL');
  }
}
