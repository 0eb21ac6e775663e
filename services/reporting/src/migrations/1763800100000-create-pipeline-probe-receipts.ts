import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePipelineProbeReceipts1763800100000 implements MigrationInterface {
  name = 'CreatePipelineProbeReceipts1763800100000';

  async up(runner: QueryRunner): Promise<void> {
    // `deliveries` counts effects, not deliveries of the bus: with the inbox it must stay 1.
    await runner.query(`
      CREATE TABLE pipeline_probe_receipts (
        probe_id    uuid PRIMARY KEY,
        recorded_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        deliveries  integer NOT NULL CHECK (deliveries > 0)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE pipeline_probe_receipts');
  }
}
