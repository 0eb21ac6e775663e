import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two roll-ups that let a province-wide report read thousands of rows instead
 * of millions.
 *
 * monthly_stats: the day counters summed by month, written by the projector
 * with the same deltas, so a report reads whole months from here and only the
 * partial months at its edges from daily_stats.
 *
 * open_counts: how many dossiers were open, and how many of those past due,
 * at an instant (a Vietnamese day's start), per unit, procedure and channel.
 * Counting that from the facts is a GiST scan over every dossier open then;
 * the first report that needs an instant in the past writes its counts here,
 * and the projector deletes every instant at or after the earliest moment a
 * batch changed (a late event, a rebuild), so a kept count is never stale.
 */
export class CreateReportRollups1763900700000 implements MigrationInterface {
  name = 'CreateReportRollups1763900700000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE monthly_stats (LIKE daily_stats INCLUDING DEFAULTS)');
    await runner.query('ALTER TABLE monthly_stats RENAME COLUMN day TO month');
    await runner.query('ALTER TABLE monthly_stats ADD PRIMARY KEY (month, unit_code, procedure_code, channel_code)');
    const counters: { column_name: string }[] = await runner.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'daily_stats' AND data_type IN ('integer', 'bigint') ORDER BY ordinal_position`,
    );
    const names = counters.map((row) => row.column_name);
    await runner.query(`
      INSERT INTO monthly_stats (month, unit_code, procedure_code, channel_code, field_code, ${names.join(', ')})
      SELECT date_trunc('month', day)::date, unit_code, procedure_code, channel_code, max(field_code), ${names.map((name) => `sum(${name})`).join(', ')}
        FROM daily_stats GROUP BY 1, 2, 3, 4`);

    await runner.query(`
      CREATE TABLE open_count_instants (
        at          timestamptz PRIMARY KEY,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE open_counts (
        at             timestamptz NOT NULL REFERENCES open_count_instants (at) ON DELETE CASCADE,
        unit_code      text NOT NULL,
        procedure_code text NOT NULL,
        channel_code   smallint NOT NULL,
        field_code     text NULL,
        open           integer NOT NULL,
        overdue        integer NOT NULL,
        PRIMARY KEY (at, unit_code, procedure_code, channel_code)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE open_counts');
    await runner.query('DROP TABLE open_count_instants');
    await runner.query('DROP TABLE monthly_stats');
  }
}
