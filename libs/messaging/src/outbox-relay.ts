import type { DataSource } from 'typeorm';
import { queryPrepared } from '@mc/persistence';
import { contextFromTraceHeaders, currentTraceHeaders, inSpan, SpanKind, type Logger } from '@mc/observability';
import type { Bus } from './bus';
import { toMsgHdrs } from './headers';

export interface OutboxRelayOptions {
  batchSize?: number;
  /**
   * How often a relay looks for new rows while its own process has been writing events: the longest a committed event
   * waits. Polling, not NOTIFY: NOTIFY takes a global lock at every commit.
   */
  idleMs?: number;
  /**
   * How often it looks when this process wrote no event for `expectMs`: only for rows nobody here announced (a
   * replica that died before relaying its own, a row written by hand). Most services write an event a few times an
   * hour; polling them all twenty times a second cost the idle platform 0.18 of its two cores.
   */
  quietMs?: number;
  /** How long after an event was written the relay keeps polling every `idleMs`: longer than any transaction takes to commit. */
  expectMs?: number;
  maxBackoffMs?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  /** As text: it is published as it was stored, not parsed into objects and written out again. */
  envelope: string;
  headers: Record<string, string>;
}

/**
 * Moves committed outbox rows to JetStream. A batch is published pipelined and
 * deleted only after every publish was acknowledged; a failure rolls the batch
 * back and it is retried, where `Nats-Msg-Id` = event id makes the retry a no-op
 * for anything that had already reached the stream. Replicas share the work
 * through SKIP LOCKED.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private timer?: NodeJS.Timeout;
  /** Above zero while publishing fails: the relay waits that long, however many events are written meanwhile. */
  private backoff = 0;
  /** When the sleeping relay means to look again, and when this process last announced an event. */
  private nextPollAt = 0;
  private expectedUntil = 0;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly quietMs: number;
  private readonly expectMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: Bus,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 50;
    this.quietMs = options.quietMs ?? 1_000;
    this.expectMs = options.expectMs ?? 10_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  /**
   * Told by the Outbox when it writes an event, before that commits: the relay looks every `idleMs` from now until
   * `expectMs` has passed, so the event leaves as soon after its commit as it always did.
   */
  expectRows(): void {
    if (!this.running) return;
    const now = Date.now();
    this.expectedUntil = now + this.expectMs;
    if (this.backoff === 0 && this.nextPollAt > now + this.idleMs) this.sleepUntil(now + this.idleMs);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many events left the outbox. */
  async relayOnce(): Promise<number> {
    // An idle relay polls twenty times a second in every replica of every service: one statement to see that the
    // outbox is empty, not BEGIN, a locking SELECT and COMMIT. A row committed just after it waits for the next poll.
    const [outbox] = await queryPrepared<{ empty: boolean }>(this.dataSource.manager, 'SELECT NOT EXISTS (SELECT FROM outbox) AS empty', []);
    if (outbox?.empty) return 0;
    return this.dataSource.transaction(async (manager) => {
      // Prepared: every replica of every service polls with these two statements, busy or idle.
      const rows = await queryPrepared<OutboxRow>(
        manager,
        'SELECT id, subject, envelope::text AS envelope, headers FROM outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED',
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => this.publish(row)));
      await queryPrepared(manager, 'DELETE FROM outbox WHERE id = ANY($1::uuid[])', [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private publish(row: OutboxRow) {
    return inSpan(
      `publish ${row.subject}`,
      SpanKind.PRODUCER,
      contextFromTraceHeaders(row.headers),
      { 'messaging.system': 'nats', 'messaging.destination.name': row.subject, 'messaging.message.id': row.id },
      async () => {
        // The producer span becomes the parent the consumer continues from.
        const headers = { ...row.headers, ...currentTraceHeaders() };
        await this.bus.js.publish(this.bus.subject(row.subject), row.envelope, {
          msgID: row.id,
          headers: toMsgHdrs(headers),
          timeout: 5_000,
        });
      },
    );
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay: number;
      try {
        const relayed = await this.relayOnce();
        this.backoff = 0;
        if (relayed === this.batchSize) continue;
        // Rows nobody announced (written before a restart, or by hand) may have company still committing.
        if (relayed > 0) this.expectedUntil = Math.max(this.expectedUntil, Date.now() + this.expectMs);
        delay = Date.now() < this.expectedUntil ? this.idleMs : this.quietMs;
      } catch (error) {
        this.backoff = Math.min(Math.max(this.backoff * 2, 250), this.maxBackoffMs);
        delay = this.backoff;
        this.logger.warn({ err: error, retryInMs: this.backoff }, 'outbox relay failed; will retry');
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.sleepUntil(Date.now() + delay);
      });
    }
  }

  /** Sets when the sleeping relay looks again; `wake` ends the sleep at once. */
  private sleepUntil(at: number): void {
    clearTimeout(this.timer);
    this.nextPollAt = at;
    this.timer = setTimeout(() => {
      this.nextPollAt = 0;
      this.wake?.();
    }, Math.max(at - Date.now(), 0));
  }
}
