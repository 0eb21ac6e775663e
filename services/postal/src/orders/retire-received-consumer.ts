import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import { dossierReceivedV1, eventStreamName } from '@mc/contracts';
import { Bus, deadLetter, durableName } from '@mc/messaging';
import type { Logger } from '@mc/observability';
import { LOGGER, SERVICE_CONFIG, type BaseConfig } from '@mc/service-runtime';
import { LinkReceivedDossier } from './link-received-dossier';

/** The durable through which earlier versions read every receipt, before receipts of postal orders had an event of their own. */
export const RETIRED_RECEIVED_DURABLE = durableName('postal', dossierReceivedV1.subject);

const FETCH = { max_messages: 100, expires: 1_000 };

/**
 * Retires the durable consumer of every receipt that this version no longer
 * declares. Deleting it at once would drop the receipts it had not delivered
 * yet, some of which may name a postal order, and those were written before
 * the dossier service wrote an event of their own; so the receipts still in it
 * are linked as before, and the durable is deleted once every receipt that was
 * in the stream when this version started is acknowledged. A service without it (a new installation, or
 * after the first start of this version) does nothing. Another replica
 * deleting it first ends this one's work.
 */
@Injectable()
export class RetireReceivedConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private work?: Promise<void>;

  constructor(
    private readonly bus: Bus,
    private readonly link: LinkReceivedDossier,
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.work = this.retire().catch((error: unknown) => this.logger.error({ err: error, durable: RETIRED_RECEIVED_DURABLE }, 'retiring the receipts consumer failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.work;
  }

  /** Resolves when the durable is gone (or the service stops first). */
  whenRetired(): Promise<void> {
    return this.work ?? Promise.resolve();
  }

  private async retire(): Promise<void> {
    const stream = this.bus.streamName(eventStreamName('dossier'));
    // `get` does not create it: a durable another replica has just deleted must not come back and replay the stream.
    const consumer = await this.bus.js.consumers.get(stream, RETIRED_RECEIVED_DURABLE).catch(() => null);
    if (!consumer) return;
    // What was in the stream when this version started: receipts written after it by the dossier service (deployed
    // first) carry the postal order's own event as well, so a durable still filled by every new receipt need not wait
    // for a quiet moment that the peak hour never gives.
    const until = (await this.bus.jsm.streams.info(stream)).state.last_seq;
    this.logger.info({ durable: RETIRED_RECEIVED_DURABLE, until }, 'draining the retired receipts consumer');
    while (this.running) {
      const info = await consumer.info().catch(() => null);
      if (!info) return;
      if (info.num_pending + info.num_ack_pending === 0 || info.ack_floor.stream_seq >= until) {
        await this.bus.jsm.consumers.delete(stream, RETIRED_RECEIVED_DURABLE).catch(() => false);
        this.logger.info({ durable: RETIRED_RECEIVED_DURABLE }, 'retired receipts consumer deleted');
        return;
      }
      await this.drainBatch(consumer);
    }
  }

  private async drainBatch(consumer: Consumer): Promise<void> {
    const messages = await consumer.fetch(FETCH);
    for await (const message of messages) await this.apply(message);
  }

  /** As the event consumer would: acknowledged once linked, retried later, or dead-lettered on its last delivery. */
  private async apply(message: JsMsg): Promise<void> {
    try {
      const envelope = message.json<{ id: string; data: unknown }>();
      const received = dossierReceivedV1.schema.parse(envelope.data);
      if (received.postalOrderId) await this.link.execute(envelope.id, { ...received, postalOrderId: received.postalOrderId });
      message.ack();
    } catch (error) {
      if (message.info.deliveryCount >= this.config.BUS_MAX_DELIVER) {
        await deadLetter(this.bus, this.logger, message, 'postal', (error as Error).message ?? String(error), this.config.BUS_RETRY_DELAY_MS);
      } else {
        this.logger.warn({ err: error, deliveries: message.info.deliveryCount }, 'receipt from the retired consumer failed; will retry');
        message.nak(this.config.BUS_RETRY_DELAY_MS * message.info.deliveryCount);
      }
    }
  }
}
