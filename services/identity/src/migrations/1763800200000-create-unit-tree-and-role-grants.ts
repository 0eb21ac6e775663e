import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit tree (any depth: province, legacy districts, communes, their centres
 * and departments), role grants per unit, refresh tokens and the audit trail.
 * Roles move out of `accounts.roles` into grants that name a unit of the tree;
 * the demo loader grants them again.
 */
export class CreateUnitTreeAndRoleGrants1763800200000 implements MigrationInterface {
  name = 'CreateUnitTreeAndRoleGrants1763800200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE units (
        id             uuid PRIMARY KEY,
        code           text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z][0-9A-Z.]{1,39}$'),
        name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        kind           text NOT NULL CHECK (kind IN ('province', 'district', 'commune', 'ward', 'township',
                                                     'special_zone', 'one_stop_centre', 'department', 'vertical_agency')),
        parent_id      uuid REFERENCES units (id),
        path           text NOT NULL UNIQUE,
        valid_from     date,
        valid_to       date,
        formed_from    text[] NOT NULL DEFAULT '{}',
        previous_names jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
        CHECK ((parent_id IS NULL) = (kind = 'province'))
      )`);
    // Subtree queries are prefix matches on the path.
    await runner.query('CREATE INDEX units_path_prefix ON units (path text_pattern_ops)');
    await runner.query('CREATE INDEX units_parent ON units (parent_id)');

    await runner.query('ALTER TABLE accounts DROP COLUMN roles');
    await runner.query(`
      ALTER TABLE accounts
        ADD COLUMN home_unit_id    uuid REFERENCES units (id),
        ADD COLUMN employment      text CHECK (employment IN ('own', 'seconded')),
        ADD COLUMN id_number       text UNIQUE CHECK (id_number ~ '^[0-9]{12}$'),
        ADD COLUMN phone           text,
        ADD COLUMN email           text,
        ADD COLUMN disabled_reason text,
        ADD COLUMN updated_at      timestamptz NOT NULL DEFAULT now()`);
    await runner.query('CREATE INDEX accounts_home_unit ON accounts (home_unit_id)');

    await runner.query(`
      CREATE TABLE role_grants (
        id         uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id),
        role       text NOT NULL CHECK (role IN ('province_admin', 'unit_admin', 'clerk', 'specialist', 'leader',
                                                  'clerical', 'inspector', 'postal_client')),
        unit_id    uuid NOT NULL REFERENCES units (id),
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        revoked_by text,
        revoked_at timestamptz
      )`);
    await runner.query(
      'CREATE UNIQUE INDEX role_grants_active ON role_grants (account_id, role, unit_id) WHERE revoked_at IS NULL',
    );

    await runner.query(`
      CREATE TABLE refresh_tokens (
        id          uuid PRIMARY KEY,
        token_hash  text NOT NULL UNIQUE,
        account_id  uuid NOT NULL REFERENCES accounts (id),
        client_id   text NOT NULL,
        issued_at   timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        revoked_at  timestamptz
      )`);
    await runner.query('CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id) WHERE revoked_at IS NULL');

    // Append-only: who did what to which unit, account or grant, with the state before and after.
    await runner.query(`
      CREATE TABLE audit_log (
        seq         bigserial PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        actor       text NOT NULL,
        action      text NOT NULL,
        target_type text NOT NULL CHECK (target_type IN ('unit', 'account', 'role_grant')),
        target_id   text NOT NULL,
        before      jsonb,
        after       jsonb
      )`);
    await runner.query('CREATE INDEX audit_log_target ON audit_log (target_type, target_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log, refresh_tokens, role_grants');
    await runner.query(`
      ALTER TABLE accounts DROP COLUMN home_unit_id, DROP COLUMN employment, DROP COLUMN id_number,
        DROP COLUMN phone, DROP COLUMN email, DROP COLUMN disabled_reason, DROP COLUMN updated_at,
        ADD COLUMN roles jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await runner.query('DROP TABLE units');
  }
}
