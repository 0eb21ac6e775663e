import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The leaders' signatures of results, kept from the signatures service's
 * events: an electronic result is issued only once one is here. The
 * signatures service records only valid signatures of the dossier's draft
 * result by the competent unit's leader.
 */
export class CreateResultSignatures1765300100000 implements MigrationInterface {
  name = 'CreateResultSignatures1765300100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE result_signatures (
        signature_id uuid PRIMARY KEY,
        dossier_code text NOT NULL,
        signer text NOT NULL,
        unit_code text NOT NULL,
        document_id uuid,
        document_sha256 text NOT NULL,
        certificate_serial text NOT NULL,
        signed_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX result_signatures_dossier ON result_signatures (dossier_code, signed_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE result_signatures');
  }
}
