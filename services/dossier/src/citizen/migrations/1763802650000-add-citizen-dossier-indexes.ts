import type { MigrationInterface, QueryRunner } from 'typeorm';

/** "My dossiers" looks a citizen's dossiers up by the proven ID number, and by the account that filed for someone. */
export class AddCitizenDossierIndexes1763802650000 implements MigrationInterface {
  name = 'AddCitizenDossierIndexes1763802650000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX dossiers_applicant_id_number ON dossiers (applicant_id_number, received_at DESC) WHERE applicant_id_number IS NOT NULL');
    await runner.query('CREATE INDEX dossiers_representative_subject ON dossiers (representative_subject) WHERE representative_subject IS NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX dossiers_representative_subject, dossiers_applicant_id_number');
  }
}
