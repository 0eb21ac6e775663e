import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The part of the catalog the QĐ 766 online-service indicators need, from the
 * catalog's events: each published version (field, whether it carries a fee,
 * its online level, when it takes effect, when it was withdrawn) and each
 * unit's adoption of a procedure (active, the online level the unit offers).
 */
export class CreateProceduresReadModel1763900600000 implements MigrationInterface {
  name = 'CreateProceduresReadModel1763900600000';

  async up(runner: QueryRunner): Promise<void> {
    // A withdrawal may be handled before the publication it withdraws (separate
    // consumers): its row then has no content yet (published_at NULL) and the
    // publication fills it in later.
    await runner.query(`
      CREATE TABLE procedure_versions (
        code           text NOT NULL,
        version        integer NOT NULL,
        name           text NULL,
        field_code     text NULL,
        has_fee        boolean NULL,
        online         text NULL CHECK (online IN ('full', 'partial', 'none')),
        effective_from date NOT NULL,
        published_at   timestamptz NULL,
        withdrawn_at   timestamptz NULL,
        PRIMARY KEY (code, version)
      )`);
    await runner.query(`
      CREATE TABLE procedure_adoptions (
        unit_code       text NOT NULL,
        procedure_code  text NOT NULL,
        active          boolean NOT NULL,
        online          text NULL CHECK (online IN ('full', 'partial', 'none')),
        source_event_at timestamptz NOT NULL,
        PRIMARY KEY (unit_code, procedure_code)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE procedure_adoptions');
    await runner.query('DROP TABLE procedure_versions');
  }
}
