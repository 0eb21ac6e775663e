import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens belong to a family: the sign-in they descend from. A rotated
 * token keeps the moment of its rotation, so that a page that lost the answer
 * carrying its successor may present it once more within a short window, and
 * the moment that one extra use was answered. Tokens issued before this have
 * no known family: each is its own, and none was rotated in a way that could
 * be presented again.
 */
export class AddRefreshTokenFamilies1763800500000 implements MigrationInterface {
  name = 'AddRefreshTokenFamilies1763800500000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE refresh_tokens
        ADD COLUMN family_id  uuid,
        ADD COLUMN rotated_at timestamptz,
        ADD COLUMN reused_at  timestamptz,
        ADD CONSTRAINT refresh_tokens_rotation_revokes CHECK (rotated_at IS NULL OR revoked_at IS NOT NULL),
        ADD CONSTRAINT refresh_tokens_reuse_after_rotation CHECK (reused_at IS NULL OR rotated_at IS NOT NULL)`);
    await runner.query('UPDATE refresh_tokens SET family_id = id');
    await runner.query('ALTER TABLE refresh_tokens ALTER COLUMN family_id SET NOT NULL');
    await runner.query('CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id) WHERE revoked_at IS NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX refresh_tokens_family');
    await runner.query(`
      ALTER TABLE refresh_tokens
        DROP CONSTRAINT refresh_tokens_reuse_after_rotation, DROP CONSTRAINT refresh_tokens_rotation_revokes,
        DROP COLUMN reused_at, DROP COLUMN rotated_at, DROP COLUMN family_id`);
  }
}
