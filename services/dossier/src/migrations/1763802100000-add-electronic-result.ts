import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether the result was issued as an electronic document (kết quả điện tử); null until it is issued. */
export class AddElectronicResult1763802100000 implements MigrationInterface {
  name = 'AddElectronicResult1763802100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dossiers ADD COLUMN electronic_result boolean');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dossiers DROP COLUMN electronic_result');
  }
}
