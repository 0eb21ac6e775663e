import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every signature the platform made or accepted (who, unit, what bytes, which
 * certificate, when, of what kind), and the signing requests that wait for a
 * holder to confirm on a phone. A request that ended without a signature keeps
 * its reason; nothing is recorded in `signatures` for it.
 */
export class CreateSignatures1765300000000 implements MigrationInterface {
  name = 'CreateSignatures1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE signatures (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('result', 'seal', 'receipt', 'certified_copy')),
        dossier_code text NOT NULL,
        signer text NOT NULL,
        signer_name text NOT NULL,
        unit_code text NOT NULL,
        signed_digest text NOT NULL,
        document_sha256 text NOT NULL,
        certificate_serial text NOT NULL,
        certificate_subject text NOT NULL,
        signed_at timestamptz NOT NULL,
        document_id uuid,
        verified_document_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX signatures_dossier ON signatures (dossier_code, signed_at)');
    await runner.query(`
      CREATE TABLE signing_requests (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('result', 'seal', 'receipt', 'certified_copy')),
        dossier_code text NOT NULL,
        key_id text NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'signed', 'refused', 'expired', 'failed')),
        reason text,
        finished_at timestamptz,
        signature_id uuid REFERENCES signatures (id),
        -- A signed receipt is handed back to the counter, not stored as a dossier file.
        signed_pdf bytea
      )`);
    // One request waits per dossier and kind: a second would sign the same result twice.
    await runner.query("CREATE UNIQUE INDEX signing_requests_one_pending ON signing_requests (dossier_code, kind) WHERE status = 'pending'");
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE signing_requests');
    await runner.query('DROP TABLE signatures');
  }
}
