import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dossier's files: uploads in progress (their bytes are segments in the
 * object store until complete), every version ever stored (a row is never
 * updated in place except to record its replacement or its deletion by
 * retention), the citizen's store of verified documents, each reuse, and the
 * audit of what retention deleted.
 */
export class CreateDocuments1765100000000 implements MigrationInterface {
  name = 'CreateDocuments1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE uploads (
        id uuid PRIMARY KEY,
        dossier_code text NOT NULL,
        receiving_unit_code text NOT NULL,
        component text NOT NULL,
        component_name text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('submission', 'supplement', 'digitisation')),
        filename text NOT NULL,
        declared_size bigint NOT NULL CHECK (declared_size > 0),
        allowed_kinds text[] NOT NULL,
        received bigint NOT NULL DEFAULT 0,
        kind text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        document_id uuid
      )`);
    await runner.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        dossier_code text NOT NULL,
        receiving_unit_code text NOT NULL,
        component text NOT NULL,
        component_name text NOT NULL,
        version integer NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('submission', 'supplement', 'digitisation', 'reuse', 'issued')),
        filename text NOT NULL,
        kind text NOT NULL,
        content_type text NOT NULL,
        size bigint NOT NULL,
        sha256 text NOT NULL,
        object_key text NOT NULL,
        verified_document_id uuid,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        retain_until date NOT NULL,
        deleted_at timestamptz,
        UNIQUE (dossier_code, component, version)
      )`);
    await runner.query(`
      CREATE TABLE verified_documents (
        id uuid PRIMARY KEY,
        owner_id_number text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('result', 'certified_copy')),
        title text NOT NULL,
        document_id uuid NOT NULL REFERENCES documents (id),
        source_dossier_code text NOT NULL,
        issued_by_unit_code text NOT NULL,
        stored_by text NOT NULL,
        stored_at timestamptz NOT NULL,
        valid_until date
      )`);
    await runner.query(`CREATE INDEX verified_documents_owner ON verified_documents (owner_id_number, stored_at DESC)`);
    await runner.query(`
      CREATE TABLE document_reuses (
        id uuid PRIMARY KEY,
        verified_document_id uuid NOT NULL REFERENCES verified_documents (id),
        document_id uuid NOT NULL REFERENCES documents (id),
        dossier_code text NOT NULL,
        reused_by text NOT NULL,
        reused_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE document_deletions (
        document_id uuid PRIMARY KEY REFERENCES documents (id),
        object_key text NOT NULL,
        sha256 text NOT NULL,
        rule text NOT NULL,
        deleted_by text NOT NULL,
        deleted_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['document_deletions', 'document_reuses', 'verified_documents', 'documents', 'uploads']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
