import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { context } from '@opentelemetry/api';
import { eventEnvelopeSchema, type EventEnvelope, type ServiceName } from '@mc/contracts';
import type { Logger } from '@mc/observability';
import type { Bus } from './bus';
import { BusContext } from './bus-context';
import { deadLetter } from './dead-letter';
import { endConsumerSpan, ensureDurableConsumer, startConsumerSpan } from './durable-consumer';
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
    const stream = await ensureDurableConsumer(this.bus, {
      producer: this.options.subject.split('.')[1] as ServiceName,
      durable: this.durable,
      subject: this.options.subject,
      maxDeliver: this.options.maxDeliver,
      ackWaitMs: this.options.ackWaitMs,
      maxAckPending: 10_000,
    });
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
    const consumed = startConsumerSpan(this.bus, message, { service: this.options.service, durable: this.durable }, this.options.subject);
    let failure: unknown;
    try {
      failure = await context.with(consumed.context, () => this.handleMessage(message));
    } finally {
      endConsumerSpan(consumed, failure);
    }
  }

  /** Acknowledges, retries or dead-letters the message; returns why it was not applied, if it was not. */
  private async handleMessage(message: JsMsg): Promise<unknown> {
    let envelope: EventEnvelope;
    try {
      envelope = eventEnvelopeSchema.parse(message.json()) as EventEnvelope;
    } catch (error) {
      // A malformed event never becomes valid: park it at once.
      await this.deadLetter(message, `malformed event: ${(error as Error).message}`);
      return error;
    }
    try {
      await this.handle(envelope, new BusContext(fromMsgHdrs(message.headers), this.options.subject, null));
      message.ack();
      return undefined;
    } catch (error) {
      const deliveries = message.info.deliveryCount;
      if (deliveries >= this.options.maxDeliver) {
        this.logger.error({ err: error, eventId: envelope.id, deliveries }, 'event dead-lettered');
        await this.deadLetter(message, (error as Error).message ?? String(error));
      } else {
        this.logger.warn({ err: error, eventId: envelope.id, deliveries }, 'event handling failed; will retry');
        message.nak(this.options.retryDelayMs * deliveries);
      }
      return error;
    }
  }

  private deadLetter(message: JsMsg, why: string): Promise<void> {
    return deadLetter(this.bus, this.logger, message, this.options.service, why, this.options.retryDelayMs);
  }
}
