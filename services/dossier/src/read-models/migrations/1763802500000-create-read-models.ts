import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a submission needs from other services, kept here from their events so
 * that receiving a dossier asks nobody: the unit tree (identity), the
 * published procedure versions and the working calendar (catalog). Each row
 * remembers what ordered it (event time, version, revision), so an event that
 * arrives late never overwrites a newer one.
 */
export class CreateReadModels1763802500000 implements MigrationInterface {
  name = 'CreateReadModels1763802500000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE known_units (
        code text PRIMARY KEY,
        path text NOT NULL,
        valid_to date,
        source_event_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE known_procedure_versions (
        code text NOT NULL,
        version integer NOT NULL,
        -- Null until the publication arrives, when its withdrawal was handled first.
        content jsonb,
        effective_from date NOT NULL,
        published_at timestamptz,
        withdrawn_at timestamptz,
        withdrawal_reason text,
        PRIMARY KEY (code, version)
      )`);
    await runner.query(`
      CREATE TABLE known_calendar_years (
        year integer PRIMARY KEY,
        weekly_hours jsonb NOT NULL,
        standard_hours jsonb NOT NULL,
        cut_off text NOT NULL,
        calendar_days_from text NOT NULL,
        holidays jsonb NOT NULL,
        swapped_working_days jsonb NOT NULL,
        revision integer NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE known_calendar_overrides (
        unit_code text PRIMARY KEY,
        weekly_hours jsonb,
        standard_hours jsonb,
        cut_off text,
        revision integer NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE known_calendar_overrides, known_calendar_years, known_procedure_versions, known_units');
  }
}
