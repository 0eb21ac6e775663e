import type { JsMsg } from '@nats-io/jetstream';
import { deadLetterSubject, type ServiceName } from '@mc/contracts';
import { platformMetrics, type Logger } from '@mc/observability';
import type { Counter } from '@opentelemetry/api';
import type { Bus } from './bus';
import { BusHeader, fromMsgHdrs, toMsgHdrs } from './headers';

// Made at first use: instruments created before the process starts its metrics stay no-ops.
let deadLetters: Counter | undefined;

/**
 * Copies an event that cannot be applied to the service's dead-letter subject,
 * with why and after how many deliveries, then terminates it. If the copy cannot
 * be written the event is handed back for redelivery: it is never dropped.
 */
export async function deadLetter(bus: Bus, logger: Logger, message: JsMsg, service: ServiceName, why: string, retryDelayMs: number): Promise<void> {
  // Header values are one line; validation errors span many.
  const reason = why.replace(/\s+/g, ' ');
  const original = bus.logicalSubject(message.subject);
  try {
    await bus.js.publish(bus.subject(deadLetterSubject(service, original)), message.data, {
      msgID: `${message.info.consumer}:${message.info.streamSequence}`,
      headers: toMsgHdrs({
        ...fromMsgHdrs(message.headers),
        [BusHeader.deadLetterReason]: reason.slice(0, 1000),
        [BusHeader.deadLetterDeliveries]: String(message.info.deliveryCount),
        [BusHeader.originalSubject]: original,
      }),
    });
    // No reason on the term itself: servers before 2.10.4 do not read one. It is in the dead letter's headers.
    message.term();
    deadLetters ??= platformMetrics.deadLetters();
    deadLetters.add(1, { durable: message.info.consumer, subject: original });
  } catch (error) {
    logger.error({ err: error }, 'dead-lettering failed; leaving the event for redelivery');
    message.nak(retryDelayMs);
  }
}
