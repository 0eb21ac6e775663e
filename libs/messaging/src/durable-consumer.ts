import { AckPolicy, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ServiceName } from '@mc/contracts';
import { contextFromTraceHeaders, SpanKind, tracer } from '@mc/observability';
import { SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { Bus } from './bus';
import { fromMsgHdrs } from './headers';

export interface DurableConsumerOptions {
  /** The service whose stream holds the events. */
  producer: ServiceName;
  durable: string;
  /** Logical subject (wildcards allowed) the consumer reads. */
  subject: string;
  /** Our own last delivery; the server allows one more. */
  maxDeliver: number;
  ackWaitMs: number;
  maxAckPending: number;
}

/**
 * Creates the durable pull consumer if it is missing, or brings its limits up
 * to date (its position is kept); returns the stream name. Replicas starting
 * together may both try to create it: the loser finds the winner's.
 */
export async function ensureDurableConsumer(bus: Bus, options: DurableConsumerOptions): Promise<string> {
  const stream = await bus.ensureEventStream(options.producer);
  await bus.ensureDeadLetterStream();
  const limits = {
    // One spare delivery: a crash during the last attempt still reaches the dead-letter branch.
    max_deliver: options.maxDeliver + 1,
    ack_wait: nanos(options.ackWaitMs),
    max_ack_pending: options.maxAckPending,
  };
  const existing = await bus.jsm.consumers.info(stream, options.durable).catch(() => null);
  if (existing) {
    await bus.jsm.consumers.update(stream, options.durable, limits);
  } else {
    await bus.jsm.consumers
      .add(stream, {
        durable_name: options.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: bus.subject(options.subject),
        ...limits,
      })
      .catch(async (error: unknown) => {
        await bus.jsm.consumers.info(stream, options.durable).catch(() => {
          throw error;
        });
      });
  }
  bus.durables.set(options.durable, stream);
  return stream;
}

/** A started consumer span and the context that continues from it. */
export interface ConsumerSpan {
  span: Span;
  context: Context;
}

/**
 * The span of one event's consumption, a child of the span that published it
 * (the outbox relay's producer span, whose context travels in the headers), so
 * one trace runs from the request that wrote the event to its consumer.
 */
export function startConsumerSpan(bus: Bus, message: JsMsg, consumer: { service: ServiceName; durable: string }, subject = bus.logicalSubject(message.subject)): ConsumerSpan {
  const parent = contextFromTraceHeaders(fromMsgHdrs(message.headers));
  const span = tracer().startSpan(
    `consume ${subject}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.consumer.group.name': consumer.durable,
        'messaging.destination.name': subject,
        'messaging.message.delivery_count': message.info.deliveryCount,
        'mc.service': consumer.service,
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends a consumer span, marking it failed when the event was not applied. */
export function endConsumerSpan({ span }: ConsumerSpan, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
  }
  span.end();
}
