import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, EventEnvelope } from '@mc/contracts';
import { currentTraceHeaders } from '@mc/observability';

/**
 * Writes events in the caller's transaction: the event exists if and only if
 * the state change it describes was committed.
 */
export class Outbox {
  async add<T>(manager: EntityManager, definition: EventDefinition<T>, data: T): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add must run inside a transaction');
    }
    const row = this.row(definition, data);
    await manager.query('INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4)', [
      row.id,
      row.subject,
      JSON.stringify(row.envelope),
      JSON.stringify(row.headers),
    ]);
    return row.envelope;
  }

  /**
   * The outbox row of an event, checked against its schema, for a caller that writes it
   * itself within a larger statement of its transaction (the same guarantee as add).
   */
  row<T>(definition: EventDefinition<T>, data: T): OutboxRow<T> {
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      source: definition.service,
      occurredAt: new Date().toISOString(),
      data: definition.schema.parse(data),
    };
    return { id: envelope.id, subject: definition.subject, envelope, headers: currentTraceHeaders() };
  }
}

export interface OutboxRow<T> {
  id: string;
  subject: string;
  envelope: EventEnvelope<T>;
  headers: Record<string, string>;
}
