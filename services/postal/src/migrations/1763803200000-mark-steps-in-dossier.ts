import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a step has reached the dossier's history. A pickup's step reported
 * late — after the hand-in that received the dossier, before the dossier was
 * linked to the order — names no dossier yet; the link sends it on.
 */
export class MarkStepsInDossier1763803200000 implements MigrationInterface {
  name = 'MarkStepsInDossier1763803200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE order_steps ADD COLUMN in_dossier boolean NOT NULL DEFAULT false');
    // Steps already recorded went the only way there was; none is sent again.
    await runner.query('UPDATE order_steps SET in_dossier = true');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE order_steps DROP COLUMN in_dossier');
  }
}
