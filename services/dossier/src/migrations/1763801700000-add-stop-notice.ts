import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The notice (2025 Mẫu 05) that tells the applicant why handling of the dossier stopped. */
export class AddStopNotice1763801700000 implements MigrationInterface {
  name = 'AddStopNotice1763801700000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dossiers ADD COLUMN stop_notice jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dossiers DROP COLUMN stop_notice');
  }
}
