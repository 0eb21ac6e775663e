import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models of the reports, built from events only: the unit tree (from
 * identity), one fact row per dossier and additive counters per Vietnamese
 * calendar day, plus what the projector needs to apply each event once.
 */
export class CreateReportingProjection1763900000000 implements MigrationInterface {
  name = 'CreateReportingProjection1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE units (
        code            text PRIMARY KEY,
        name            text NOT NULL,
        kind            text NOT NULL,
        parent_code     text NULL,
        path            text NOT NULL,
        valid_to        text NULL,
        source_event_at timestamptz NOT NULL
      )`);
    // Subtree questions are prefix matches on the path.
    await runner.query('CREATE INDEX units_path_idx ON units (path text_pattern_ops)');

    await runner.query(`
      CREATE TABLE dossier_facts (
        dossier_id            uuid PRIMARY KEY,
        code                  text NOT NULL,
        procedure_code        text NOT NULL,
        procedure_name        text NOT NULL DEFAULT '',
        field_code            text NULL,
        channel_code          smallint NOT NULL,
        receiving_unit_code   text NOT NULL,
        competent_unit_code   text NOT NULL,
        applicant_name        text NOT NULL DEFAULT '',
        received_at           timestamptz NOT NULL,
        due_at                timestamptz NOT NULL,
        finished_at           timestamptz NULL,
        state                 text NOT NULL,
        outcome               text NULL CHECK (outcome IN ('early', 'on_time', 'late', 'refused', 'withdrawn', 'stopped')),
        supplement_requests   integer NOT NULL DEFAULT 0,
        late_for_reporting    boolean NOT NULL DEFAULT false,
        paused_ms             bigint NOT NULL DEFAULT 0,
        components_total      integer NOT NULL DEFAULT 0,
        components_digitised  integer NOT NULL DEFAULT 0,
        components_reused     integer NOT NULL DEFAULT 0,
        return_method         text NULL,
        electronic_result     boolean NULL,
        apologies             jsonb NOT NULL DEFAULT '[]',
        extensions            jsonb NOT NULL DEFAULT '[]',
        overdue_marked        boolean NOT NULL DEFAULT false,
        rating                jsonb NULL,
        last_event_at         timestamptz NOT NULL,
        open_range            tstzrange GENERATED ALWAYS AS (tstzrange(received_at, finished_at, '[)')) STORED,
        CHECK ((outcome IS NULL) = (finished_at IS NULL))
      )`);
    // "Open at instant E" is open_range @> E: an index search even over millions of dossiers. The unit and
    // due instant (and what reports filter and group by) ride along in the index: counting what is open never visits the table.
    await runner.query(
      'CREATE INDEX dossier_facts_open_range_idx ON dossier_facts USING gist (open_range) INCLUDE (competent_unit_code, due_at, procedure_code, channel_code, field_code)',
    );
    // The tracking book reads by receiving or competent unit in receipt order.
    await runner.query('CREATE INDEX dossier_facts_competent_received_idx ON dossier_facts (competent_unit_code, received_at)');
    await runner.query('CREATE INDEX dossier_facts_receiving_received_idx ON dossier_facts (receiving_unit_code, received_at)');
    // The late list: finished late, or still open (its due instant decides).
    await runner.query(`CREATE INDEX dossier_facts_late_idx ON dossier_facts (competent_unit_code, finished_at) WHERE outcome = 'late'`);
    await runner.query('CREATE INDEX dossier_facts_open_due_idx ON dossier_facts (competent_unit_code, due_at) WHERE finished_at IS NULL');

    await runner.query(`
      CREATE TABLE daily_stats (
        day                   date NOT NULL,
        unit_code             text NOT NULL,
        procedure_code        text NOT NULL,
        channel_code          smallint NOT NULL,
        field_code            text NULL,
        received              integer NOT NULL DEFAULT 0,
        received_digitised    integer NOT NULL DEFAULT 0,
        components            integer NOT NULL DEFAULT 0,
        components_digitised  integer NOT NULL DEFAULT 0,
        components_reused     integer NOT NULL DEFAULT 0,
        early                 integer NOT NULL DEFAULT 0,
        on_time               integer NOT NULL DEFAULT 0,
        late                  integer NOT NULL DEFAULT 0,
        refused               integer NOT NULL DEFAULT 0,
        withdrawn             integer NOT NULL DEFAULT 0,
        stopped               integer NOT NULL DEFAULT 0,
        results_issued        integer NOT NULL DEFAULT 0,
        electronic_results    integer NOT NULL DEFAULT 0,
        returned              integer NOT NULL DEFAULT 0,
        returned_by_post      integer NOT NULL DEFAULT 0,
        processing_ms         bigint NOT NULL DEFAULT 0,
        ratings               integer NOT NULL DEFAULT 0,
        ratings_dissatisfied  integer NOT NULL DEFAULT 0,
        PRIMARY KEY (day, unit_code, procedure_code, channel_code)
      )`);
    // Province-wide reports read a period for many units: by unit then day.
    await runner.query('CREATE INDEX daily_stats_unit_day_idx ON daily_stats (unit_code, day)');

    await runner.query(`
      CREATE TABLE ratings (
        dossier_id     uuid PRIMARY KEY,
        unit_code      text NOT NULL,
        procedure_code text NOT NULL,
        rated_at       timestamptz NOT NULL,
        scores         jsonb NOT NULL,
        dissatisfied   boolean NOT NULL
      )`);
    await runner.query('CREATE INDEX ratings_unit_rated_idx ON ratings (unit_code, rated_at)');

    // Procedure names and fields as the receipts gave them, for labelling report rows without scanning the facts.
    await runner.query(`
      CREATE TABLE procedures (
        code       text PRIMARY KEY,
        name       text NOT NULL,
        field_code text NULL
      )`);

    // Event ids the projector applied; separate from the shared inbox so a rebuild can empty it alone.
    await runner.query(`
      CREATE TABLE projection_inbox (
        event_id   uuid PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE projection_state (
        name              text PRIMARY KEY,
        last_event_at     timestamptz NULL,
        last_stream_seq   bigint NOT NULL DEFAULT 0,
        events_applied    bigint NOT NULL DEFAULT 0,
        orphan_events     bigint NOT NULL DEFAULT 0,
        -- A rebuild moves to a new durable consumer, so a replica still pulling from the old one gets nothing more.
        consumer_generation integer NOT NULL DEFAULT 0,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`INSERT INTO projection_state (name) VALUES ('dossier')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['projection_state', 'projection_inbox', 'procedures', 'ratings', 'daily_stats', 'dossier_facts', 'units']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
