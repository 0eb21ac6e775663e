import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hand-over lists between a one-stop centre and the postal worker: what
 * the worker brings (picked-up dossiers and the fees collected for them) and
 * takes (results to deliver), each side's sign-off with who and when. An
 * order changes hands once, so it is on one list at most.
 */
export class CreatePostalHandovers1763803100000 implements MigrationInterface {
  name = 'CreatePostalHandovers1763803100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE handovers (
        id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        prepared_by text NOT NULL,
        prepared_at timestamptz NOT NULL,
        centre_signed_by text,
        centre_signed_subject text,
        centre_signed_at timestamptz,
        post_worker_name text,
        post_worker_code text,
        post_signed_client text,
        post_signed_at timestamptz
      )`);
    await runner.query('CREATE INDEX handovers_unit ON handovers (unit_code, prepared_at DESC)');
    await runner.query(`
      CREATE TABLE handover_items (
        handover_id uuid NOT NULL REFERENCES handovers (id),
        order_id uuid NOT NULL UNIQUE REFERENCES orders (id),
        direction text NOT NULL CHECK (direction IN ('bring', 'take')),
        PRIMARY KEY (handover_id, order_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE handover_items');
    await runner.query('DROP TABLE handovers');
  }
}
