import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working-day calendar: the province's calendar per year, the units'
 * overrides, the unit tree as far as the calendar needs it (kept from the
 * identity service's events), and the history of every change.
 */
export class CreateWorkingCalendar1763800900000 implements MigrationInterface {
  name = 'CreateWorkingCalendar1763800900000';

  async up(runner: QueryRunner): Promise<void> {
    // Office hours are null for a year whose hours were never set: it follows the
    // latest earlier year that has them, so changing one year's hours carries on
    // into the following years until one of them is set on its own.
    await runner.query(`
      CREATE TABLE calendar_years (
        year           integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2199),
        weekly_hours   jsonb,
        standard_hours jsonb,
        cut_off        text CHECK (cut_off ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        days_set_at    timestamptz,
        days_set_by    text,
        revision       integer NOT NULL CHECK (revision >= 0),
        updated_at     timestamptz NOT NULL,
        updated_by     text NOT NULL,
        CHECK ((weekly_hours IS NULL) = (standard_hours IS NULL) AND (weekly_hours IS NULL) = (cut_off IS NULL)),
        CHECK ((days_set_at IS NULL) = (days_set_by IS NULL))
      )`);
    await runner.query(`
      CREATE TABLE calendar_days (
        date date PRIMARY KEY,
        year integer NOT NULL REFERENCES calendar_years (year),
        kind text NOT NULL CHECK (kind IN ('holiday', 'swapped_working')),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        CHECK (EXTRACT(YEAR FROM date) = year)
      )`);
    await runner.query('CREATE INDEX calendar_days_year ON calendar_days (year)');

    await runner.query(`
      CREATE TABLE calendar_units (
        code              text PRIMARY KEY,
        name              text NOT NULL,
        kind              text NOT NULL,
        path              text NOT NULL CHECK (path ~ '^/([^/]+/)+$'),
        valid_to          date,
        source_event_at   timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE calendar_unit_overrides (
        unit_code      text PRIMARY KEY REFERENCES calendar_units (code),
        weekly_hours   jsonb,
        standard_hours jsonb,
        cut_off        text CHECK (cut_off ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        revision       integer NOT NULL CHECK (revision >= 0),
        updated_at     timestamptz NOT NULL,
        updated_by     text NOT NULL
      )`);

    await runner.query(`
      CREATE TABLE calendar_changes (
        id         bigserial PRIMARY KEY,
        scope      text NOT NULL CHECK (scope IN ('province', 'unit')),
        year       integer,
        unit_code  text,
        action     text NOT NULL,
        revision   integer NOT NULL,
        before     jsonb,
        after      jsonb NOT NULL,
        actor      text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'province') = (year IS NOT NULL)),
        CHECK ((scope = 'unit') = (unit_code IS NOT NULL))
      )`);
    // The history is evidence of which calendar a deadline was computed on: the
    // database refuses to rewrite it, whatever the code above does.
    await runner.query(`
      CREATE FUNCTION keep_calendar_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'calendar change % cannot be modified or deleted', OLD.id USING ERRCODE = 'check_violation';
      END $$`);
    await runner.query(`
      CREATE TRIGGER calendar_changes_append_only BEFORE UPDATE OR DELETE ON calendar_changes
        FOR EACH ROW EXECUTE FUNCTION keep_calendar_changes()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE calendar_changes');
    await runner.query('DROP FUNCTION keep_calendar_changes()');
    await runner.query('DROP TABLE calendar_unit_overrides');
    await runner.query('DROP TABLE calendar_units');
    await runner.query('DROP TABLE calendar_days');
    await runner.query('DROP TABLE calendar_years');
  }
}
