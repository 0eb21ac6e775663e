import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins counted per username and per client address, so that every
 * replica of the issuer makes a guesser wait just as long; and failed sign-ins
 * in the audit trail.
 */
export class CreateSignInFailures1763800420000 implements MigrationInterface {
  name = 'CreateSignInFailures1763800420000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sign_in_failures (
        key            text PRIMARY KEY,
        failures       integer NOT NULL CHECK (failures > 0),
        last_failed_at timestamptz NOT NULL,
        blocked_until  timestamptz
      )`);
    await runner.query('CREATE INDEX sign_in_failures_last_failed ON sign_in_failures (last_failed_at)');
    await runner.query(`
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check,
        ADD CONSTRAINT audit_log_target_type_check CHECK (target_type IN ('unit', 'account', 'role_grant', 'sign_in'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query("DELETE FROM audit_log WHERE target_type = 'sign_in'");
    await runner.query(`
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_target_type_check,
        ADD CONSTRAINT audit_log_target_type_check CHECK (target_type IN ('unit', 'account', 'role_grant'))`);
    await runner.query('DROP TABLE sign_in_failures');
  }
}
