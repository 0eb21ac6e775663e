import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who works at the one-stop centres, from identity's account and role events.
 * Accounts and grants are kept apart, each with the instant of the event that
 * last changed it, and joined only when the table is asked for: the events
 * arrive through separate consumers in any order, and the answer converges.
 */
export class CreateStaffingReadModel1763900500000 implements MigrationInterface {
  name = 'CreateStaffingReadModel1763900500000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE staffing_accounts (
        account_id      uuid PRIMARY KEY,
        username        text NOT NULL,
        kind            text NOT NULL,
        unit_code       text NULL,
        employment      text NULL CHECK (employment IN ('own', 'seconded')),
        disabled        boolean NOT NULL,
        source_event_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE staffing_grants (
        grant_id        uuid PRIMARY KEY,
        account_id      uuid NOT NULL,
        role            text NOT NULL,
        unit_code       text NOT NULL,
        revoked         boolean NOT NULL,
        source_event_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX staffing_grants_role_unit_idx ON staffing_grants (role, unit_code) WHERE NOT revoked`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE staffing_grants');
    await runner.query('DROP TABLE staffing_accounts');
  }
}
