import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Bus } from '@mc/messaging';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import { PROJECTION_LOCK_KEY, replaceProjectionConsumer, type ProjectionConfig } from '../read-models/projection-consumer';

export interface RebuildOptions {
  /** Keep the tables and only replay the stream: every event must then be recognised as applied already. */
  keepTables?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Throws the dossier read models away and replays the dossier stream from its
 * first event. It takes the projection lock from whichever replica holds it
 * (by ending that replica's lock connection: its open batch rolls back), empties
 * the tables, replaces the durable consumer by a new one that starts from the
 * first event (a new name, so a replica still pulling from the old one receives
 * nothing more) and lets go; the replicas then take the lead again
 * and project everything anew. The unit tree is kept: it comes from another stream.
 */
@Injectable()
export class RebuildProjection {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: Bus,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
  ) {}

  async execute(options: RebuildOptions = {}): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      for (let attempt = 0; ; attempt += 1) {
        const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [PROJECTION_LOCK_KEY]);
        if (locked) break;
        if (attempt > 200) throw new Error('could not take the projection lock');
        await runner.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1 AND pid <> pg_backend_pid()`,
          [PROJECTION_LOCK_KEY],
        );
        await sleep(50);
      }
      try {
        if (!options.keepTables) {
          await runner.query('TRUNCATE dossier_facts, daily_stats, monthly_stats, open_counts, open_count_instants, ratings, procedures, projection_inbox');
          await runner.query(
            `UPDATE projection_state SET last_event_at = NULL, last_stream_seq = 0, events_applied = 0, orphan_events = 0, updated_at = now()
              WHERE name = 'dossier'`,
          );
        }
        const [{ consumer_generation: generation }] = await runner.query(`SELECT consumer_generation FROM projection_state WHERE name = 'dossier'`);
        await replaceProjectionConsumer(this.bus, generation, this.config);
        await runner.query(`UPDATE projection_state SET consumer_generation = $1 WHERE name = 'dossier'`, [generation + 1]);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [PROJECTION_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
