import { z } from 'zod';
import type { ServiceName } from './services';

/**
 * The envelope of every domain event on JetStream. `id` doubles as the
 * Nats-Msg-Id (publish dedupe) and the consumer inbox key (handle once).
 */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  source: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.unknown(),
});

export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  source: ServiceName;
  occurredAt: string;
  data: T;
}

/** `evt.<service>.<aggregate>.<event>`; one stream per producing service holds `evt.<service>.>`. */
export const eventSubject = (service: ServiceName, aggregate: string, event: string): string =>
  `evt.${service}.${aggregate}.${event}`;

export const eventStreamName = (service: ServiceName): string => `EVT_${service.toUpperCase()}`;
export const eventStreamSubjects = (service: ServiceName): string => `evt.${service}.>`;

/** Where a consumer parks an event it could not handle after its last allowed delivery. */
export const deadLetterSubject = (consumerService: ServiceName, originalSubject: string): string =>
  `dlq.${consumerService}.${originalSubject}`;
export const DEAD_LETTER_STREAM = 'DLQ';
export const DEAD_LETTER_SUBJECTS = 'dlq.>';

export interface EventDefinition<T> {
  service: ServiceName;
  subject: string;
  type: string;
  version: number;
  schema: z.ZodType<T>;
}

export function defineEvent<T>(
  service: ServiceName,
  aggregate: string,
  event: string,
  version: number,
  schema: z.ZodType<T>,
): EventDefinition<T> {
  return { service, subject: eventSubject(service, aggregate, event), type: `${aggregate}.${event}`, version, schema };
}

/** An event as its producer writes it to the outbox: a new id, the definition's name and version, data checked against its schema. */
export function eventEnvelope<T>(definition: EventDefinition<T>, data: T, occurredAt = new Date().toISOString()): EventEnvelope<T> {
  return {
    id: crypto.randomUUID(),
    type: definition.type,
    version: definition.version,
    source: definition.service,
    occurredAt,
    data: definition.schema.parse(data),
  };
}
