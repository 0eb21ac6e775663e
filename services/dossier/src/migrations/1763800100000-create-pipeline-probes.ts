import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePipelineProbes1763800100000 implements MigrationInterface {
  name = 'CreatePipelineProbes1763800100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE pipeline_probes (
        id          uuid PRIMARY KEY,
        note        text CHECK (char_length(note) <= 200),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE pipeline_probes');
  }
}
