import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubHandlings1763801500000 implements MigrationInterface {
  name = 'CreateSubHandlings1763801500000';

  async up(runner: QueryRunner): Promise<void> {
    // One row per agency of a liên thông dossier. Rows are written under the
    // dossier's row lock, so the parent's "all done?" check cannot race a completion.
    await runner.query(`
      CREATE TABLE dossier_sub_handlings (
        dossier_id    uuid NOT NULL REFERENCES dossiers (id),
        unit_code     text NOT NULL,
        unit_path     text NOT NULL,
        direction     text NOT NULL CHECK (direction IN ('horizontal', 'vertical')),
        step_key      text NOT NULL,
        share_percent numeric NOT NULL CHECK (share_percent > 0 AND share_percent <= 100),
        position      integer NOT NULL,
        state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'assigned', 'in_progress', 'done', 'refused')),
        assigned_at   timestamptz,
        due_at        timestamptz,
        started_at    timestamptz,
        finished_at   timestamptz,
        verdict       text CHECK (verdict IN ('early', 'on_time', 'late')),
        reason        text,
        PRIMARY KEY (dossier_id, unit_code)
      )`);
    await runner.query('CREATE INDEX dossier_sub_handlings_unit ON dossier_sub_handlings (unit_path text_pattern_ops)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE dossier_sub_handlings');
  }
}
