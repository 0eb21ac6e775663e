import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, ConsumerInfo, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { DataSource, type QueryRunner } from 'typeorm';
import { eventEnvelopeSchema, type EventEnvelope } from '@mc/contracts';
import { Bus, deadLetter } from '@mc/messaging';
import type { Logger } from '@mc/observability';
import { LOGGER, SERVICE_CONFIG } from '@mc/service-runtime';
import { ApplyDossierEvents, type SequencedEvent } from './apply-dossier-events';
import { ensureProjectionConsumer, PROJECTION_LOCK_KEY, projectionDurable } from './projection-consumer';

export interface ProjectionConfig {
  BUS_MAX_DELIVER: number;
  BUS_RETRY_DELAY_MS: number;
  REPORTING_PROJECTION_ENABLED: boolean;
  REPORTING_PROJECTION_BATCH: number;
  REPORTING_PROJECTION_ACK_WAIT_MS: number;
}

/** The lock connection is gone (terminated by a rebuild, or the database restarted): leadership is lost. */
class LeadershipLost extends Error {}

interface HandedBack {
  durable: string;
  /** The consumer's delivery sequence of the last message this replica received. */
  lastDelivery: number;
  streamSequences: number[];
}

/**
 * Applies the dossier stream to the read models. Only the replica holding the
 * advisory lock projects, so events are applied in stream order; the others
 * poll for the lock and take over when its holder dies (its connection closes,
 * the lock goes with it). Messages are taken in batches and each batch is one
 * transaction on the lock's own connection, acknowledged after the commit.
 */
@Injectable()
export class DossierProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopping = false;
  private loop?: Promise<void>;
  private messages?: ConsumerMessages;
  private wake?: () => void;
  private leading = false;
  private durable = '';
  /** The consumer's delivery sequence of the last message this replica received. */
  private lastDelivery = 0;
  /**
   * What this replica gave back (nak) when it lost its database in the middle of
   * a batch: JetStream still counts those events as pending, but will hand them
   * out first, so taking the lead again need not wait their ack wait.
   */
  private handedBack: HandedBack | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: Bus,
    private readonly apply: ApplyDossierEvents,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get isLeading(): boolean {
    return this.leading;
  }

  onApplicationBootstrap(): void {
    // Nest may run bootstrap hooks more than once (init, then listen); one loop per replica.
    if (!this.config.REPORTING_PROJECTION_ENABLED || this.loop) return;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.leadWhileLocked();
      } catch (error) {
        if (!this.stopping) this.logger.warn({ err: error }, 'projection interrupted; will retry');
      }
      if (!this.stopping) await this.pause(1_000);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async leadWhileLocked(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [PROJECTION_LOCK_KEY]);
      if (!locked) return;
      this.leading = true;
      this.logger.info('projecting the dossier stream');
      try {
        let backoff = this.config.BUS_RETRY_DELAY_MS;
        let takingOver = true;
        while (!this.stopping) {
          const failed = await this.consume(runner, takingOver);
          takingOver = false;
          if (!failed) break;
          await this.pause(backoff);
          backoff = Math.min(backoff * 2, 30_000);
        }
      } finally {
        this.leading = false;
        await runner.query('SELECT pg_advisory_unlock($1)', [PROJECTION_LOCK_KEY]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Fetches and applies batches until stopped, or until an event failed and was
   * handed back (returns true). Each fetch asks for no more than the consumer
   * has waiting, so it completes at once and nothing is left in flight when the
   * loop stops: a message delivered to a closed subscription would otherwise
   * sit unacknowledged until its ack wait ran out, and hold up the events behind it.
   */
  private async consume(runner: QueryRunner, takingOver: boolean): Promise<boolean> {
    const [{ consumer_generation: generation }] = await runner.query(`SELECT consumer_generation FROM projection_state WHERE name = 'dossier'`);
    const durable = projectionDurable(generation);
    const stream = await ensureProjectionConsumer(this.bus, generation, {
      maxDeliver: this.config.BUS_MAX_DELIVER,
      ackWaitMs: this.config.REPORTING_PROJECTION_ACK_WAIT_MS,
      maxAckPending: this.config.REPORTING_PROJECTION_BATCH * 4,
    });
    await this.bus.ensureDeadLetterStream();
    const consumer = await this.bus.js.consumers.get(stream, durable);
    this.durable = durable;
    if (takingOver) {
      const handedBack = this.handedBack;
      this.handedBack = null;
      const info = await consumer.info();
      const taken = handedBack?.durable === durable ? await this.takeBackHandedBack(consumer, info, handedBack) : null;
      const applied = taken?.batch.length ? await this.applyBatch(runner, taken.batch) : true;
      if (!taken?.complete) await this.awaitPredecessorsDeliveries(info, taken ? Date.now() : 0);
      if (!applied) return true;
    }
    while (!this.stopping) {
      const info = await consumer.info();
      const waiting = info.num_pending + info.num_ack_pending;
      const batch = await this.fetch(consumer, Math.max(1, Math.min(this.config.REPORTING_PROJECTION_BATCH, waiting)));
      if (!batch.length) {
        // Idle for a second: make sure the lock is still ours (a rebuild ends the holder's connection).
        await this.requireConnection(runner, []);
        continue;
      }
      if (!(await this.applyBatch(runner, batch))) return true;
    }
    return false;
  }

  private async fetch(consumer: Consumer, max: number): Promise<JsMsg[]> {
    const messages = await consumer.fetch({ max_messages: max, expires: 1_000 });
    this.messages = messages;
    const batch: JsMsg[] = [];
    for await (const message of messages) {
      batch.push(message);
      this.lastDelivery = message.info.deliverySequence;
    }
    this.messages = undefined;
    return batch;
  }

  /**
   * When the only unacknowledged events are the ones this replica handed back as
   * it lost its database (nothing was delivered since), JetStream hands them out
   * again first: fetch as many and apply the ones that are, in order, those
   * events (complete when all are). If a nak never reached the server, the
   * messages fetched after that point are left unacknowledged: they come back
   * after the lost ones, once the caller has waited for both. Null: not ours to
   * take back, wait as after a crash.
   */
  private async takeBackHandedBack(
    consumer: Consumer,
    info: ConsumerInfo,
    handedBack: HandedBack,
  ): Promise<{ batch: JsMsg[]; complete: boolean } | null> {
    const expected = handedBack.streamSequences;
    if (!expected.length || info.delivered.consumer_seq !== handedBack.lastDelivery || info.num_ack_pending !== expected.length) return null;
    const fetched = await this.fetch(consumer, expected.length);
    let prefix = 0;
    while (prefix < fetched.length && fetched[prefix]?.info.streamSequence === expected[prefix]) prefix += 1;
    this.logger.info({ events: prefix, of: expected.length }, 'taking back the events handed back when the database was lost');
    return { batch: fetched.slice(0, prefix), complete: prefix === expected.length };
  }

  /**
   * Unacknowledged messages when a replica takes the lead belong to a leader that died in the middle
   * of a batch. They come back first once their ack wait has run out; fetching before then would
   * apply the events behind them first (a return before its receipt). So wait that long.
   */
  private async awaitPredecessorsDeliveries(info: ConsumerInfo, heldSince = 0): Promise<void> {
    if (info.num_ack_pending === 0) return;
    // The server sends an ISO time although the client's type says nanoseconds.
    const lastActive = info.delivered.last_active as unknown;
    const lastDelivery = Math.max((typeof lastActive === 'string' && Date.parse(lastActive)) || Date.now(), heldSince);
    const until = lastDelivery + this.config.REPORTING_PROJECTION_ACK_WAIT_MS + 1_000;
    this.logger.warn({ unacknowledged: info.num_ack_pending, waitMs: Math.max(0, until - Date.now()) }, 'waiting for the previous leader’s unacknowledged events to come back');
    while (!this.stopping && Date.now() < until) await this.pause(Math.min(1_000, until - Date.now()));
  }

  /** Returns false when an event failed and the rest of the batch was handed back for a later, ordered retry. */
  private async applyBatch(runner: QueryRunner, batch: JsMsg[]): Promise<boolean> {
    const events: (SequencedEvent & { message: JsMsg })[] = [];
    for (const message of batch) {
      const envelope = this.parse(message);
      if (!envelope) {
        // A malformed event never becomes valid: park it at once.
        await this.deadLetter(message, 'malformed event');
        continue;
      }
      events.push({ envelope, streamSequence: message.info.streamSequence, message });
    }
    try {
      await this.inTransaction(runner, () => this.apply.execute(runner.manager, events));
      for (const event of events) event.message.ack();
      return true;
    } catch (error) {
      await this.requireConnection(runner, batch);
      this.logger.warn({ err: error, events: events.length }, 'batch failed; applying its events one by one');
    }
    // One by one, to find the event that fails and let the others through.
    for (const [index, event] of events.entries()) {
      try {
        await this.inTransaction(runner, () => this.apply.execute(runner.manager, [event]));
        event.message.ack();
      } catch (error) {
        await this.requireConnection(runner, events.slice(index).map((rest) => rest.message));
        const deliveries = event.message.info.deliveryCount;
        if (deliveries >= this.config.BUS_MAX_DELIVER) {
          this.logger.error({ err: error, eventId: event.envelope.id, deliveries }, 'event dead-lettered');
          await this.deadLetter(event.message, (error as Error).message ?? String(error));
          continue;
        }
        this.logger.warn({ err: error, eventId: event.envelope.id, deliveries }, 'event failed; will retry');
        // Handed back without delay, so they come back first and in order; the caller waits before fetching again.
        for (const rest of events.slice(index)) rest.message.nak();
        return false;
      }
    }
    return true;
  }

  private parse(message: JsMsg): EventEnvelope | null {
    try {
      return eventEnvelopeSchema.parse(message.json()) as EventEnvelope;
    } catch {
      return null;
    }
  }

  private async inTransaction<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
    await runner.startTransaction();
    try {
      const result = await work();
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }

  /** A failure of the connection is not the event's fault: give everything back at once and let go of the lead. */
  private async requireConnection(runner: QueryRunner, unacked: JsMsg[]): Promise<void> {
    const alive = await runner.query('SELECT 1').then(
      () => true,
      () => false,
    );
    if (alive) return;
    for (const message of unacked) message.nak();
    this.handedBack = { durable: this.durable, lastDelivery: this.lastDelivery, streamSequences: unacked.map((message) => message.info.streamSequence) };
    throw new LeadershipLost('the projection lost its database connection');
  }

  private deadLetter(message: JsMsg, why: string): Promise<void> {
    return deadLetter(this.bus, this.logger, message, 'reporting', why, this.config.BUS_RETRY_DELAY_MS);
  }

}
