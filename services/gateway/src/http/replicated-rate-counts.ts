import { randomUUID } from 'node:crypto';
import type { Subscription } from '@nats-io/transport-node';
import type { Bus } from '@mc/messaging/client';
import type { Logger } from '@mc/observability';

const SUBJECT = 'gateway.rate-limit.counts';
/** Keeps one sync message far below NATS's max_payload even with long keys. */
const ENTRIES_PER_MESSAGE = 500;

/** What a replica tells the others: [key, window start, window end, its own count in that window]. */
type SyncEntry = [string, number, number, number];
interface SyncMessage {
  replica: string;
  entries: SyncEntry[];
}

interface Window {
  start: number;
  end: number;
  own: number;
  /** The latest count each other replica reported for this window, and their sum. */
  others: Map<string, number>;
  othersTotal: number;
}

/**
 * Request counts per key and fixed window, shared by the gateway replicas
 * over NATS core pub/sub. A request is counted in memory at once (no round
 * trip on the request path); every `syncMs` each replica publishes its own
 * count of each key it saw since the last sync, and adds up what the others
 * publish. Within a replica the count is exact; across replicas it is behind
 * by at most one sync interval, so a client spreading requests over n
 * replicas gets at most (n − 1) × what it sends in one interval beyond the
 * limit. A message lost or a replica restarted only ever under-counts, by
 * what the lost message carried.
 */
export class ReplicatedRateCounts {
  private readonly replica = randomUUID();
  private readonly windows = new Map<string, Window>();
  private readonly changed = new Set<string>();
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
    private readonly options: { syncMs: number; maxKeys: number },
  ) {}

  start(): void {
    this.subscription = this.bus.nc.subscribe(this.bus.subject(SUBJECT), {
      callback: (error, message) => {
        if (error) return;
        try {
          this.merge(message.json<SyncMessage>());
        } catch (cause) {
          this.logger.warn({ err: cause }, 'unreadable rate-limit sync message ignored');
        }
      },
    });
    this.timer = setInterval(() => this.sync(), this.options.syncMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
  }

  /** Counts one request for `key` and answers the count across replicas and the time left in the window. */
  hit(key: string, windowMs: number, now = Date.now()): { current: number; ttl: number } {
    const start = now - (now % windowMs);
    let window = this.windows.get(key);
    if (!window || window.start < start) window = this.open(key, start, start + windowMs);
    window.own += 1;
    this.changed.add(key);
    return { current: window.own + window.othersTotal, ttl: window.end - now };
  }

  private open(key: string, start: number, end: number): Window {
    this.windows.delete(key);
    if (this.windows.size >= this.options.maxKeys) {
      // The oldest window first: it is the likeliest to have ended.
      const oldest = this.windows.keys().next();
      if (!oldest.done) this.windows.delete(oldest.value);
    }
    const window: Window = { start, end, own: 0, others: new Map(), othersTotal: 0 };
    this.windows.set(key, window);
    return window;
  }

  private merge(message: SyncMessage): void {
    if (message.replica === this.replica) return;
    const now = Date.now();
    for (const [key, start, end, count] of message.entries) {
      if (end <= now) continue;
      let window = this.windows.get(key);
      if (window && window.start > start) continue;
      if (!window || window.start < start) window = this.open(key, start, end);
      const before = window.others.get(message.replica) ?? 0;
      if (count <= before) continue;
      window.others.set(message.replica, count);
      window.othersTotal += count - before;
    }
  }

  private sync(): void {
    const now = Date.now();
    for (const [key, window] of this.windows) if (window.end <= now) this.windows.delete(key);
    if (this.changed.size === 0 || this.bus.nc.isClosed()) return;
    const entries: SyncEntry[] = [];
    for (const key of this.changed) {
      const window = this.windows.get(key);
      if (window) entries.push([key, window.start, window.end, window.own]);
    }
    this.changed.clear();
    for (let i = 0; i < entries.length; i += ENTRIES_PER_MESSAGE) {
      const message: SyncMessage = { replica: this.replica, entries: entries.slice(i, i + ENTRIES_PER_MESSAGE) };
      this.bus.nc.publish(this.bus.subject(SUBJECT), JSON.stringify(message));
    }
  }
}
