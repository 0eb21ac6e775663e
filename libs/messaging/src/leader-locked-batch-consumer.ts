import type { Consumer, ConsumerInfo, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { context } from '@opentelemetry/api';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { eventEnvelopeSchema, type EventEnvelope, type ServiceName } from '@mc/contracts';
import type { Logger } from '@mc/observability';
import type { Bus } from './bus';
import { deadLetter } from './dead-letter';
import { endConsumerSpan, ensureDurableConsumer, startConsumerSpan, type ConsumerSpan } from './durable-consumer';

export interface LeaderLockedBatchConsumerOptions {
  /** The consuming service; names its dead-letter subject. */
  service: ServiceName;
  /** The service whose stream holds the events. */
  producer: ServiceName;
  /** Logical subject (wildcards allowed) the consumer reads, in stream order. */
  subject: string;
  /** The session-level advisory lock the leading replica holds. */
  lockKey: number;
  maxDeliver: number;
  retryDelayMs: number;
  /**
   * How long a delivered event may stay unacknowledged before JetStream hands it out again;
   * also how long a new leader waits for the events a dead leader left unacknowledged.
   */
  ackWaitMs: number;
  /** Events applied per transaction. */
  batchSize: number;
  /**
   * How long to let events gather after a batch smaller than batchSize, so that a steady trickle is applied
   * in batches rather than one by one (what a batch costs is mostly per batch); 0, the default: fetch again at once.
   */
  gatherMs?: number;
}

/** An event with its place in the stream, for handlers that keep a high-water mark. */
export interface SequencedEvent {
  envelope: EventEnvelope;
  streamSequence: number;
}

export interface BatchHandler {
  /** The durable consumer to read while leading (read on the lock's connection: a rebuild may move it to a new one). */
  durable(manager: EntityManager): Promise<string>;
  /** Applies the events in the caller's transaction; throwing rolls the whole batch back. */
  apply(manager: EntityManager, events: SequencedEvent[]): Promise<unknown>;
  /**
   * Work that must see the batch committed (what other consumers wrote meanwhile is only visible then), run
   * before the events are acknowledged; throwing counts as the batch failing, so it is applied again, one by one.
   */
  afterCommit?(manager: EntityManager, events: SequencedEvent[]): Promise<unknown>;
}

/** The lock connection is gone (terminated by a rebuild, or the database restarted): leadership is lost. */
class LeadershipLost extends Error {}

interface HandedBack {
  durable: string;
  /** The consumer's delivery sequence of the last message this replica received. */
  lastDelivery: number;
  streamSequences: number[];
}

type Received = SequencedEvent & { message: JsMsg; span: ConsumerSpan };

/**
 * A durable pull consumer that only the replica holding a Postgres advisory
 * lock reads, so events are applied in stream order; the others poll for the
 * lock and take over when its holder dies (its connection closes, the lock
 * goes with it). Messages are taken in batches and each batch is one
 * transaction on the lock's own connection, acknowledged after the commit. A
 * failing batch is applied again one event at a time, to let the good events
 * through and retry or dead-letter the failing one.
 */
export class LeaderLockedBatchConsumer {
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
    private readonly options: LeaderLockedBatchConsumerOptions,
    private readonly handler: BatchHandler,
    private readonly logger: Logger,
  ) {}

  get isLeading(): boolean {
    return this.leading;
  }

  /** The limits the consumer is created with; whoever creates it ahead of the leader (a rebuild) uses the same. */
  static consumerLimits(options: Pick<LeaderLockedBatchConsumerOptions, 'maxDeliver' | 'ackWaitMs' | 'batchSize'>) {
    return { maxDeliver: options.maxDeliver, ackWaitMs: options.ackWaitMs, maxAckPending: options.batchSize * 4 };
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
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
        if (!this.stopping) this.logger.warn({ err: error, subject: this.options.subject }, 'batch consumer interrupted; will retry');
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
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [this.options.lockKey]);
      if (!locked) return;
      this.leading = true;
      this.logger.info({ subject: this.options.subject }, 'leading the batch consumer');
      try {
        let backoff = this.options.retryDelayMs;
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
        await runner.query('SELECT pg_advisory_unlock($1)', [this.options.lockKey]).catch(() => undefined);
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
    const durable = await this.handler.durable(runner.manager);
    const stream = await ensureDurableConsumer(this.bus, {
      producer: this.options.producer,
      durable,
      subject: this.options.subject,
      ...LeaderLockedBatchConsumer.consumerLimits(this.options),
    });
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
      const batch = await this.fetch(consumer, Math.max(1, Math.min(this.options.batchSize, waiting)));
      if (!batch.length) {
        // Idle for a second: make sure the lock is still ours (a rebuild ends the holder's connection).
        await this.requireConnection(runner, []);
        continue;
      }
      if (!(await this.applyBatch(runner, batch))) return true;
      if (this.options.gatherMs && batch.length < this.options.batchSize && !this.stopping) await this.pause(this.options.gatherMs);
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
    const until = lastDelivery + this.options.ackWaitMs + 1_000;
    this.logger.warn({ unacknowledged: info.num_ack_pending, waitMs: Math.max(0, until - Date.now()) }, 'waiting for the previous leader’s unacknowledged events to come back');
    while (!this.stopping && Date.now() < until) await this.pause(Math.min(1_000, until - Date.now()));
  }

  /**
   * Returns false when an event failed and the rest of the batch was handed back for a later, ordered retry.
   * Each event has its consumer span from receipt to its acknowledgement, dead letter or hand-back.
   */
  private async applyBatch(runner: QueryRunner, batch: JsMsg[]): Promise<boolean> {
    const events: Received[] = [];
    const open = new Set<ConsumerSpan>();
    try {
      for (const message of batch) {
        const span = startConsumerSpan(this.bus, message, { service: this.options.service, durable: this.durable });
        open.add(span);
        const envelope = this.parse(message);
        if (!envelope) {
          // A malformed event never becomes valid: park it at once.
          await context.with(span.context, () => this.deadLetter(message, 'malformed event'));
          this.end(open, span, new Error('malformed event'));
          continue;
        }
        span.span.setAttribute('messaging.message.id', envelope.id);
        events.push({ envelope, streamSequence: message.info.streamSequence, message, span });
      }
      try {
        await this.applyEvents(runner, events.map(sequenced));
        for (const event of events) {
          event.message.ack();
          this.end(open, event.span);
        }
        return true;
      } catch (error) {
        await this.requireConnection(runner, batch);
        this.logger.warn({ err: error, events: events.length }, 'batch failed; applying its events one by one');
      }
      // One by one, to find the event that fails and let the others through.
      for (const [index, event] of events.entries()) {
        try {
          await context.with(event.span.context, () => this.applyEvents(runner, [sequenced(event)]));
          event.message.ack();
          this.end(open, event.span);
        } catch (error) {
          await this.requireConnection(runner, events.slice(index).map((rest) => rest.message));
          const deliveries = event.message.info.deliveryCount;
          if (deliveries >= this.options.maxDeliver) {
            this.logger.error({ err: error, eventId: event.envelope.id, deliveries }, 'event dead-lettered');
            await context.with(event.span.context, () => this.deadLetter(event.message, (error as Error).message ?? String(error)));
            this.end(open, event.span, error);
            continue;
          }
          this.logger.warn({ err: error, eventId: event.envelope.id, deliveries }, 'event failed; will retry');
          this.end(open, event.span, error);
          // Handed back without delay, so they come back first and in order; the caller waits before fetching again.
          for (const rest of events.slice(index)) rest.message.nak();
          return false;
        }
      }
      return true;
    } catch (error) {
      for (const span of open) endConsumerSpan(span, error);
      open.clear();
      throw error;
    } finally {
      // Events handed back behind a failing one: their next delivery opens a span of its own.
      for (const span of open) endConsumerSpan(span);
    }
  }

  private end(open: Set<ConsumerSpan>, span: ConsumerSpan, error?: unknown): void {
    open.delete(span);
    endConsumerSpan(span, error);
  }

  private parse(message: JsMsg): EventEnvelope | null {
    try {
      return eventEnvelopeSchema.parse(message.json()) as EventEnvelope;
    } catch {
      return null;
    }
  }

  private async applyEvents(runner: QueryRunner, events: SequencedEvent[]): Promise<void> {
    await this.inTransaction(runner, () => this.handler.apply(runner.manager, events));
    await this.handler.afterCommit?.(runner.manager, events);
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
    throw new LeadershipLost('the consumer lost its database connection');
  }

  private deadLetter(message: JsMsg, why: string): Promise<void> {
    return deadLetter(this.bus, this.logger, message, this.options.service, why, this.options.retryDelayMs);
  }
}

const sequenced = ({ envelope, streamSequence }: Received): SequencedEvent => ({ envelope, streamSequence });
