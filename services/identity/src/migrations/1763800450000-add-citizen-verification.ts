import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A citizen's ID number is only claimed until a proof records it: VNeID (the
 * national electronic identity) or a clerk who saw the document at the
 * counter. And the pending sign-ins through VNeID: state, nonce and PKCE
 * verifier kept between the redirect out and the callback, in the database so
 * that any replica can take the callback.
 */
export class AddCitizenVerification1763800450000 implements MigrationInterface {
  name = 'AddCitizenVerification1763800450000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE accounts
        ADD COLUMN verified_at           timestamptz,
        ADD COLUMN verification_method   text CHECK (verification_method IN ('vneid', 'counter')),
        ADD COLUMN verified_by           text,
        ADD COLUMN verification_document jsonb,
        ADD CONSTRAINT accounts_verification_complete CHECK (
          (verified_at IS NULL AND verification_method IS NULL AND verified_by IS NULL AND verification_document IS NULL)
          OR (verified_at IS NOT NULL AND kind = 'citizen' AND id_number IS NOT NULL AND verified_by IS NOT NULL
              AND (verification_method = 'vneid' OR verification_document IS NOT NULL)))`);
    await runner.query(`
      CREATE TABLE federated_logins (
        state_hash            text PRIMARY KEY,
        provider              text NOT NULL CHECK (provider IN ('vneid')),
        nonce                 text NOT NULL,
        code_verifier         text NOT NULL,
        authorization_request jsonb NOT NULL,
        expires_at            timestamptz NOT NULL,
        used_at               timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE federated_logins');
    await runner.query(`
      ALTER TABLE accounts DROP CONSTRAINT accounts_verification_complete, DROP COLUMN verification_document,
        DROP COLUMN verified_by, DROP COLUMN verification_method, DROP COLUMN verified_at`);
  }
}
