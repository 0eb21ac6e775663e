import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDossiers1763801000000 implements MigrationInterface {
  name = 'CreateDossiers1763801000000';

  async up(runner: QueryRunner): Promise<void> {
    // One row per receiving unit and Vietnamese day; the row lock taken by the
    // upsert serialises numbering, and a rolled-back receipt gives its number back.
    await runner.query(`
      CREATE TABLE daily_counters (
        unit_code text NOT NULL,
        day       date NOT NULL,
        last      integer NOT NULL CHECK (last >= 1),
        PRIMARY KEY (unit_code, day)
      )`);
    await runner.query(`
      CREATE TABLE dossiers (
        id                  uuid PRIMARY KEY,
        code                text NOT NULL UNIQUE,
        tracking_token      text NOT NULL,
        procedure_code      text NOT NULL,
        procedure_version   integer NOT NULL,
        procedure_name      text NOT NULL,
        processing_time     jsonb NOT NULL,
        workflow            jsonb NOT NULL,
        channel             smallint NOT NULL CHECK (channel IN (1, 2, 3)),
        receiving_unit_code text NOT NULL,
        receiving_unit_path text NOT NULL,
        competent_unit_code text NOT NULL,
        competent_unit_path text NOT NULL,
        owner_subject       text,
        applicant           jsonb NOT NULL,
        components          jsonb NOT NULL,
        return_method       text NOT NULL CHECK (return_method IN ('counter', 'post', 'electronic')),
        return_address      text,
        state               text NOT NULL CHECK (state IN ('in_progress', 'awaiting_supplement', 'approved', 'result_ready',
                                                          'returned', 'refused', 'withdrawn', 'stopped')),
        step_index          integer NOT NULL,
        step_started_at     timestamptz NOT NULL,
        step_due_at         timestamptz,
        received_at         timestamptz NOT NULL,
        due_at              timestamptz NOT NULL,
        paused_at           timestamptz,
        statutory_working_ms bigint NOT NULL,
        paused_working_ms   bigint NOT NULL DEFAULT 0,
        supplement_requests integer NOT NULL DEFAULT 0,
        late_for_reporting  boolean NOT NULL DEFAULT false,
        finished_at         timestamptz,
        on_time             boolean,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX dossiers_receiving_unit ON dossiers (receiving_unit_path text_pattern_ops)');
    await runner.query('CREATE INDEX dossiers_competent_unit ON dossiers (competent_unit_path text_pattern_ops)');
    // The code is printed on the receipt and quoted by citizens: it never changes.
    await runner.query(`
      CREATE FUNCTION dossier_code_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.code IS DISTINCT FROM OLD.code OR NEW.tracking_token IS DISTINCT FROM OLD.tracking_token THEN
          RAISE EXCEPTION 'dossier code and tracking token are immutable';
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(
      'CREATE TRIGGER dossier_code_is_immutable BEFORE UPDATE ON dossiers FOR EACH ROW EXECUTE FUNCTION dossier_code_is_immutable()',
    );
    await runner.query(`
      CREATE TABLE dossier_history (
        dossier_id uuid NOT NULL REFERENCES dossiers (id),
        seq        integer NOT NULL,
        entry      jsonb NOT NULL,
        prev_hash  text NOT NULL,
        hash       text NOT NULL,
        PRIMARY KEY (dossier_id, seq)
      )`);
    // Incomplete (Mẫu 02) and refused (Mẫu 03) receipts leave only this record.
    await runner.query(`
      CREATE TABLE intake_records (
        id                  uuid PRIMARY KEY,
        kind                text NOT NULL CHECK (kind IN ('incomplete', 'refused')),
        receiving_unit_code text NOT NULL,
        procedure_code      text NOT NULL,
        form                jsonb NOT NULL,
        recorded_by         text NOT NULL,
        recorded_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE idempotency_keys (
        caller       text NOT NULL,
        key          text NOT NULL,
        operation    text NOT NULL,
        request_hash text NOT NULL,
        response     jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idempotency_keys, intake_records, dossier_history, dossiers, daily_counters');
    await runner.query('DROP FUNCTION dossier_code_is_immutable()');
  }
}
