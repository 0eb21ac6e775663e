import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-use codes of the authorization code flow (with PKCE), stored hashed and
 * short-lived; and the time a signing key starts signing, so that a rotated-in
 * key is published before any token carries it.
 */
export class CreateAuthorizationCodes1763800300000 implements MigrationInterface {
  name = 'CreateAuthorizationCodes1763800300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE authorization_codes (
        code_hash      text PRIMARY KEY,
        account_id     uuid NOT NULL REFERENCES accounts (id),
        client_id      text NOT NULL,
        redirect_uri   text NOT NULL,
        code_challenge text NOT NULL,
        expires_at     timestamptz NOT NULL,
        used_at        timestamptz
      )`);
    await runner.query('ALTER TABLE signing_keys ADD COLUMN activates_at timestamptz NOT NULL DEFAULT now()');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE signing_keys DROP COLUMN activates_at');
    await runner.query('DROP TABLE authorization_codes');
  }
}
