import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccountsAndSigningKeys1763800100000 implements MigrationInterface {
  name = 'CreateAccountsAndSigningKeys1763800100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE accounts (
        id            uuid PRIMARY KEY,
        username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        full_name     text NOT NULL CHECK (char_length(full_name) BETWEEN 1 AND 200),
        kind          text NOT NULL CHECK (kind IN ('staff', 'citizen', 'client')),
        password_hash text NOT NULL,
        roles         jsonb NOT NULL DEFAULT '[]'::jsonb,
        client_id     text NOT NULL,
        disabled_at   timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE signing_keys (
        kid         text PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        public_jwk  jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        retired_at  timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE signing_keys');
    await runner.query('DROP TABLE accounts');
  }
}
