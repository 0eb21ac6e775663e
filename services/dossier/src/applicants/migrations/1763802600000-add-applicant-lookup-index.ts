import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counter fills in a returning applicant from their latest dossier: one
 * ID number's dossiers, newest first, read from the index instead of a scan
 * of every dossier the province has received.
 */
export class AddApplicantLookupIndex1763802600000 implements MigrationInterface {
  name = 'AddApplicantLookupIndex1763802600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX dossiers_applicant_latest ON dossiers (applicant_id_number, received_at DESC) WHERE applicant_id_number IS NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX dossiers_applicant_latest');
  }
}
