import type { DataSource } from 'typeorm';
import { queryPrepared } from '@mc/persistence';
import { contextFromTraceHeaders, currentTraceHeaders, inSpan, SpanKind, type Logger } from '@mc/observability';
import type { Bus } from './bus';
import { toMsgHdrs } from './headers';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often an idle relay looks for new rows. Polling, not NOTIFY: NOTIFY takes a global lock at every commit. */
  idleMs?: number;
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
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: Bus,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 50;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
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
    let backoff = this.idleMs;
    while (this.running) {
      try {
        const relayed = await this.relayOnce();
        backoff = this.idleMs;
        if (relayed === this.batchSize) continue;
      } catch (error) {
        backoff = Math.min(Math.max(backoff * 2, 250), this.maxBackoffMs);
        this.logger.warn({ err: error, retryInMs: backoff }, 'outbox relay failed; will retry');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
