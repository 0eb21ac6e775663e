import type { DataSource, EntityManager } from 'typeorm';
import { queryPrepared } from '@mc/persistence';

/**
 * Makes a consumer's effect idempotent: the event id is recorded in the same
 * transaction as the effect, so a redelivered event finds it and does nothing.
 */
export class Inbox {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns false when this consumer had already handled the event. */
  async handleOnce(consumer: string, eventId: string, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Prepared: it runs for every event every consumer handles.
      const inserted = await queryPrepared(manager, 'INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id', [
        consumer,
        eventId,
      ]);
      if (inserted.length === 0) return false;
      await effect(manager);
      return true;
    });
  }
}
