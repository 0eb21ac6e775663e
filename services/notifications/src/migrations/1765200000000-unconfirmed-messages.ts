import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `unconfirmed`: a message sent whose provider did not answer (a timeout, a
 * dropped connection). It may have gone out, so it waits for a delivery
 * report naming it, or for NOTIFY_UNCONFIRMED_WAIT_MS, before it is sent
 * again; the index finds those whose wait is over.
 */
export class UnconfirmedMessages1765200000000 implements MigrationInterface {
  name = 'UnconfirmedMessages1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE messages DROP CONSTRAINT messages_status_check');
    await runner.query(
      `ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN ('pending', 'sent', 'unconfirmed', 'delivered', 'undelivered', 'dead', 'superseded', 'withdrawn'))`,
    );
    await runner.query(`CREATE INDEX messages_unconfirmed ON messages (next_attempt_at) WHERE status = 'unconfirmed'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX messages_unconfirmed');
    await runner.query(`UPDATE messages SET status = 'pending' WHERE status = 'unconfirmed'`);
    await runner.query('ALTER TABLE messages DROP CONSTRAINT messages_status_check');
    await runner.query(
      `ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN ('pending', 'sent', 'delivered', 'undelivered', 'dead', 'superseded', 'withdrawn'))`,
    );
  }
}
