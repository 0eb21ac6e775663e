import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Procedures, their versions and the units' adoptions. The fee, component and
 * workflow lists of a version live in one jsonb document: they are always read
 * and written whole with their version, and nothing queries inside them.
 */
export class CreateProcedureCatalog1763800200000 implements MigrationInterface {
  name = 'CreateProcedureCatalog1763800200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE procedures (
        code       text PRIMARY KEY CHECK (code ~ '^[1-9]\\.[0-9]{6}(\\.[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2})?$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE procedure_versions (
        id                uuid PRIMARY KEY,
        procedure_code    text NOT NULL REFERENCES procedures (code),
        version           integer NOT NULL CHECK (version >= 1),
        status            text NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
        effective_from    date NOT NULL,
        name              text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 500),
        field             text NOT NULL CHECK (field IN ('ho_tich', 'chung_thuc', 'nuoi_con_nuoi', 'dat_dai', 'xay_dung',
                            'kinh_doanh', 'lao_dong_tbxh', 'cu_tru', 'giao_duc', 'y_te', 'van_hoa', 'nong_nghiep', 'giao_thong')),
        level             text NOT NULL CHECK (level IN ('province', 'commune', 'vertical')),
        content           jsonb NOT NULL,
        created_at        timestamptz NOT NULL,
        created_by        text NOT NULL,
        updated_at        timestamptz NOT NULL,
        published_at      timestamptz,
        published_by      text,
        withdrawn_at      timestamptz,
        withdrawn_by      text,
        withdrawal_reason text,
        UNIQUE (procedure_code, version),
        CHECK ((status = 'draft') = (published_at IS NULL)),
        CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL))
      )`);
    // One draft at a time per procedure; two published versions never take effect on the same day.
    await runner.query(`CREATE UNIQUE INDEX procedure_versions_one_draft ON procedure_versions (procedure_code) WHERE status = 'draft'`);
    await runner.query(`
      CREATE UNIQUE INDEX procedure_versions_one_per_day ON procedure_versions (procedure_code, effective_from)
        WHERE status = 'published'`);

    // A published version is a legal fact that dossiers point to: the database
    // refuses to change its content or delete it, whatever the code above does.
    await runner.query(`
      CREATE FUNCTION keep_published_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'published version % of % cannot be deleted', OLD.version, OLD.procedure_code USING ERRCODE = 'check_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status <> 'draft' AND (NEW.content, NEW.name, NEW.field, NEW.level, NEW.effective_from, NEW.version, NEW.procedure_code)
             IS DISTINCT FROM (OLD.content, OLD.name, OLD.field, OLD.level, OLD.effective_from, OLD.version, OLD.procedure_code) THEN
          RAISE EXCEPTION 'published version % of % is immutable', OLD.version, OLD.procedure_code USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.status = 'withdrawn' AND NEW.status <> 'withdrawn' THEN
          RAISE EXCEPTION 'withdrawn version % of % cannot be restored', OLD.version, OLD.procedure_code USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER procedure_versions_keep_published BEFORE UPDATE OR DELETE ON procedure_versions
        FOR EACH ROW EXECUTE FUNCTION keep_published_versions()`);

    // Every replica keeps the public catalogue in memory for search; this counter
    // tells it, with one cheap read, that something searchable changed. A trigger
    // rather than the use cases bumps it, so no write path can forget to.
    await runner.query(`
      CREATE TABLE search_revision (
        id       smallint PRIMARY KEY CHECK (id = 1),
        revision bigint NOT NULL
      )`);
    await runner.query('INSERT INTO search_revision (id, revision) VALUES (1, 0)');
    await runner.query(`
      CREATE FUNCTION bump_search_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE search_revision SET revision = revision + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER procedure_versions_search_revision AFTER INSERT OR UPDATE ON procedure_versions
        FOR EACH ROW WHEN (NEW.status <> 'draft') EXECUTE FUNCTION bump_search_revision()`);

    await runner.query(`
      CREATE TABLE adoptions (
        unit_code      text NOT NULL CHECK (unit_code ~ '^[A-Za-z0-9][A-Za-z0-9.-]{1,29}$'),
        procedure_code text NOT NULL REFERENCES procedures (code),
        active         boolean NOT NULL,
        handlers       jsonb NOT NULL,
        channels       jsonb NOT NULL,
        updated_at     timestamptz NOT NULL,
        updated_by     text NOT NULL,
        PRIMARY KEY (unit_code, procedure_code)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE adoptions');
    await runner.query('DROP TABLE procedure_versions');
    await runner.query('DROP FUNCTION bump_search_revision()');
    await runner.query('DROP FUNCTION keep_published_versions()');
    await runner.query('DROP TABLE search_revision');
    await runner.query('DROP TABLE procedures');
  }
}
