import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The files behind the QĐ 766 digitisation and reuse indicators, from the
 * documents service's events: one row per file scanned at the counter
 * (digitised) and per verified document taken from a citizen's store in place
 * of an upload (reused). The indicators count these rows, not the boxes a
 * clerk ticked on the receipt.
 */
export class CreateDocumentFacts1765200000000 implements MigrationInterface {
  name = 'CreateDocumentFacts1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE document_facts (
        document_id   uuid NOT NULL,
        kind          text NOT NULL CHECK (kind IN ('digitised', 'reused')),
        dossier_code  text NOT NULL,
        component     text NOT NULL,
        recorded_at   timestamptz NOT NULL,
        PRIMARY KEY (document_id, kind)
      )`);
    // The indicators join the dossiers received in a period to their files by code.
    await runner.query('CREATE INDEX document_facts_dossier_idx ON document_facts (dossier_code)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE document_facts');
  }
}
