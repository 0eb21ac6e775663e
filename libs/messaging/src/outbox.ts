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
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      source: definition.service,
      occurredAt: new Date().toISOString(),
      data: definition.schema.parse(data),
    };
    await manager.query('INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4)', [
      envelope.id,
      definition.subject,
      JSON.stringify(envelope),
      JSON.stringify(currentTraceHeaders()),
    ]);
    return envelope;
  }
}
