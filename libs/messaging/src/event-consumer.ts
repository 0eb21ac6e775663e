import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { eventEnvelopeSchema, type EventEnvelope, type ServiceName } from '@mc/contracts';
import { contextFromTraceHeaders, inSpan, SpanKind, type Logger } from '@mc/observability';
import type { Bus } from './bus';
import { BusContext } from './bus-context';
import { deadLetter } from './dead-letter';
import { fromMsgHdrs } from './headers';

export interface EventConsumerOptions {
  /** The consuming service; names the durable consumer and its dead-letter subject. */
  service: ServiceName;
  /** Logical event subject, e.g. `evt.dossier.probe.recorded`. */
  subject: string;
  maxDeliver: number;
  retryDelayMs: number;
  ackWaitMs: number;
  batchSize: number;
}

export type EventHandler = (event: EventEnvelope, context: BusContext) => Promise<unknown>;

/** Durable name: one per (consuming service, subject), stable across restarts and shared by replicas. */
export const durableName = (service: string, subject: string) => `${service}__${subject.replace(/[.*>]/g, '_')}`;

/**
 * A durable pull consumer with explicit ack. A failing event is retried with a
 * growing delay; on its last allowed delivery it is copied to the dead-letter
 * stream with the reason and then terminated, so one poison message never
 * blocks the events behind it.
 */
export class EventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly bus: Bus,
    private readonly options: EventConsumerOptions,
    private readonly handle: EventHandler,
    private readonly logger: Logger,
  ) {}

  get durable(): string {
    return durableName(this.options.service, this.options.subject);
  }

  async start(): Promise<void> {
    const producer = this.options.subject.split('.')[1] as ServiceName;
    const stream = await this.bus.ensureEventStream(producer);
    await this.bus.ensureDeadLetterStream();
    const config = {
      durable_name: this.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.bus.subject(this.options.subject),
      // One spare delivery: a crash during the last attempt still reaches the dead-letter branch.
      max_deliver: this.options.maxDeliver + 1,
      ack_wait: nanos(this.options.ackWaitMs),
      max_ack_pending: 10_000,
    };
    const existing = await this.bus.jsm.consumers.info(stream, this.durable).catch(() => null);
    if (existing) {
      await this.bus.jsm.consumers.update(stream, this.durable, {
        max_deliver: config.max_deliver,
        ack_wait: config.ack_wait,
        max_ack_pending: config.max_ack_pending,
      });
    } else {
      await this.bus.jsm.consumers.add(stream, config);
    }
    const consumer = await this.bus.js.consumers.get(stream, this.durable);
    this.messages = await consumer.consume({ max_messages: this.options.batchSize });
    this.loop = this.run(this.messages);
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      await this.process(message);
    }
  }

  private async process(message: JsMsg): Promise<void> {
    const headers = fromMsgHdrs(message.headers);
    await inSpan(
      `consume ${this.options.subject}`,
      SpanKind.CONSUMER,
      contextFromTraceHeaders(headers),
      {
        'messaging.system': 'nats',
        'messaging.consumer.group.name': this.durable,
        'messaging.destination.name': this.options.subject,
        'mc.service': this.options.service,
      },
      async () => {
        let envelope: EventEnvelope;
        try {
          envelope = eventEnvelopeSchema.parse(message.json()) as EventEnvelope;
        } catch (error) {
          // A malformed event never becomes valid: park it at once.
          await this.deadLetter(message, `malformed event: ${(error as Error).message}`);
          return;
        }
        try {
          await this.handle(envelope, new BusContext(headers, this.options.subject, null));
          message.ack();
        } catch (error) {
          const deliveries = message.info.deliveryCount;
          if (deliveries >= this.options.maxDeliver) {
            this.logger.error({ err: error, eventId: envelope.id, deliveries }, 'event dead-lettered');
            await this.deadLetter(message, (error as Error).message ?? String(error));
          } else {
            this.logger.warn({ err: error, eventId: envelope.id, deliveries }, 'event handling failed; will retry');
            message.nak(this.options.retryDelayMs * deliveries);
          }
        }
      },
    );
  }

  private deadLetter(message: JsMsg, why: string): Promise<void> {
    return deadLetter(this.bus, this.logger, message, this.options.service, why, this.options.retryDelayMs);
  }
}
