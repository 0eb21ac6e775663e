import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Seed } from './1763804000000-create-notifications';

/** The confirmations of a change of preferences made by SMS: the citizen is waiting for them, whatever the hour. */
export const PREFERENCE_SEEDS: Seed[] = [
  { kind: 'consent_withdrawn', channel: 'sms', urgent: true, body: 'Đã ngừng gửi thông báo về hồ sơ {{code}}. Muốn nhận lại, soạn DK {{code}} gửi tổng đài.' },
  { kind: 'preferences_changed', channel: 'sms', urgent: true, body: 'Từ nay thông báo về hồ sơ {{code}} được gửi qua: {{channels}}.' },
];

/**
 * Three additions: the time of the event each message tells of (messages of
 * one dossier go out in that order, and one a later message has overtaken is
 * not sent: `superseded`); messages cancelled because the citizen withdrew
 * consent (`withdrawn`); which staff member has read which notice.
 */
export class OrderPreferencesReads1765100000000 implements MigrationInterface {
  name = 'OrderPreferencesReads1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE messages ADD COLUMN event_at timestamptz');
    await runner.query('ALTER TABLE messages DROP CONSTRAINT messages_status_check');
    await runner.query(
      `ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN ('pending', 'sent', 'delivered', 'undelivered', 'dead', 'superseded', 'withdrawn'))`,
    );
    await runner.query('CREATE INDEX messages_dossier_order ON messages (dossier_id, channel, event_at) WHERE dossier_id IS NOT NULL');
    for (const seed of PREFERENCE_SEEDS) {
      await runner.query(
        `INSERT INTO templates (kind, channel, version, subject, body, zns_template_id, urgent, created_by) VALUES ($1, $2, 1, NULL, $3, NULL, $4, 'system')`,
        [seed.kind, seed.channel, seed.body, seed.urgent ?? false],
      );
    }
    await runner.query(`
      CREATE TABLE staff_notice_reads (
        username text NOT NULL,
        notice_id uuid NOT NULL REFERENCES staff_notices (id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (username, notice_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE staff_notice_reads');
    await runner.query(`DELETE FROM templates WHERE kind IN ('consent_withdrawn', 'preferences_changed')`);
    await runner.query('DROP INDEX messages_dossier_order');
    await runner.query(`DELETE FROM messages WHERE status IN ('superseded', 'withdrawn')`);
    await runner.query('ALTER TABLE messages DROP CONSTRAINT messages_status_check');
    await runner.query(`ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN ('pending', 'sent', 'delivered', 'undelivered', 'dead'))`);
    await runner.query('ALTER TABLE messages DROP COLUMN event_at');
  }
}
