import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders with the postal operator, the steps it reported, the queue of orders
 * not yet taken by it, the signatures of the webhooks accepted (a replay is
 * refused) and the unit tree that addresses are checked and mapped against.
 */
export class CreatePostalOrders1763803000000 implements MigrationInterface {
  name = 'CreatePostalOrders1763803000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE known_units (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        parent_code text,
        valid_to date,
        formed_from text[] NOT NULL DEFAULT '{}',
        source_event_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        leg text NOT NULL CHECK (leg IN ('pickup', 'return')),
        status text NOT NULL DEFAULT 'queued',
        status_event_time timestamptz,
        waybill text UNIQUE,
        procedure_code text NOT NULL,
        receiving_unit_code text NOT NULL,
        dossier_id uuid,
        dossier_code text,
        submission jsonb,
        address jsonb NOT NULL,
        contact jsonb NOT NULL,
        collected_fees integer NOT NULL DEFAULT 0,
        postage integer,
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    // One return order per dossier, however often the request is redelivered.
    await runner.query(`CREATE UNIQUE INDEX orders_one_return_per_dossier ON orders (dossier_id) WHERE leg = 'return'`);
    await runner.query(`CREATE INDEX orders_sent_day ON orders (sent_at)`);
    await runner.query(`
      CREATE TABLE order_steps (
        order_id uuid NOT NULL REFERENCES orders (id),
        message_id text NOT NULL UNIQUE,
        status text NOT NULL,
        event_time timestamptz NOT NULL,
        reason text,
        slip jsonb,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, status)
      )`);
    await runner.query(`
      CREATE TABLE operator_queue (
        order_id uuid PRIMARY KEY REFERENCES orders (id),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      )`);
    await runner.query(`CREATE TABLE webhook_signatures (signature text PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['webhook_signatures', 'operator_queue', 'order_steps', 'orders', 'known_units']) await runner.query(`DROP TABLE ${table}`);
  }
}
