import type { EventDefinition } from '@mc/contracts';
import { unitCreatedV1 } from '@mc/contracts';

/** What identity's unit events carry (created and changed carry the same data). */
export type UnitEventData = typeof unitCreatedV1 extends EventDefinition<infer T> ? T : never;

/**
 * A service's own copy of the unit tree: its table (created by the service's
 * own migration, keyed by `code`, with a `source_event_at` column) and which of
 * the events' fields it keeps.
 */
export interface UnitTable {
  table: string;
  /**
   * The columns kept besides `code` and `source_event_at`, each with its value
   * from the event. A value left undefined (a field the event may omit) keeps
   * what the row holds; a new row gets the column's default.
   */
  columns: Record<string, (unit: UnitEventData) => unknown>;
  /**
   * Records each event in the inbox under this consumer name, so a redelivered
   * event is recognised and changes nothing. Without it a redelivery writes the
   * same row again, which the newer-wins guard makes harmless.
   */
  inboxConsumer?: string;
}

export const UNIT_TABLE = Symbol('UNIT_TABLE');
