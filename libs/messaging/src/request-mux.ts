import { createInbox, NoRespondersError, TimeoutError, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { PublishBatch } from './publish-batch';

interface Pending {
  subject: string;
  deadline: number;
  resolve(message: Msg): void;
  reject(error: unknown): void;
}

/**
 * Request/reply over one inbox subscription of this process, answering what the client's own `request` answers
 * (the reply, NoRespondersError, TimeoutError) without its per-request cost: the client builds an Error with a
 * stack to settle every request, even one that succeeded, and a timer for each. Here every request has the same
 * timeout, so they expire in the order they were made and one timer, armed for the oldest, serves them all.
 * A reply that comes after its request timed out finds nothing waiting and is dropped.
 */
export class RequestMux {
  private readonly inbox = `${createInbox()}.`;
  private readonly pending = new Map<number, Pending>();
  private readonly batch: PublishBatch;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private lastId = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
  ) {
    this.batch = new PublishBatch(nc);
  }

  request(subject: string, data: Uint8Array, headers?: MsgHdrs): Promise<Msg> {
    this.subscription ??= this.subscribe();
    const id = (this.lastId += 1);
    return new Promise<Msg>((resolve, reject) => {
      this.pending.set(id, { subject, deadline: Date.now() + this.timeoutMs, resolve, reject });
      this.timer ??= setTimeout(this.expire, this.timeoutMs).unref();
      this.batch.publish(subject, data, { reply: `${this.inbox}${id}`, headers }, (error) => this.settle(id)?.reject(error));
    });
  }

  /** How many requests await a reply; for tests. */
  get waiting(): number {
    return this.pending.size;
  }

  private subscribe(): Subscription {
    // The SUB is written before the first request's PUB on the same connection, so the server knows it in time.
    const subscription = this.nc.subscribe(`${this.inbox}*`, {
      callback: (error, message) => {
        if (error) return; // e.g. a permission error: the requests waiting then time out, as the client's would
        const waiting = this.settle(Number(message.subject.slice(this.inbox.length)));
        if (!waiting) return;
        if (message.data.length === 0 && message.headers?.code === 503) waiting.reject(new NoRespondersError(waiting.subject));
        else waiting.resolve(message);
      },
    });
    void subscription.closed.then(() => {
      // The connection closed (or is draining away): nothing will answer what is still waiting.
      this.subscription = undefined;
      for (const id of [...this.pending.keys()]) this.settle(id)?.reject(new Error('connection closed'));
    });
    return subscription;
  }

  private settle(id: number): Pending | undefined {
    const waiting = this.pending.get(id);
    if (waiting) this.pending.delete(id);
    return waiting;
  }

  private readonly expire = (): void => {
    const now = Date.now();
    for (const [id, waiting] of this.pending) {
      if (waiting.deadline > now) {
        this.timer = setTimeout(this.expire, waiting.deadline - now).unref();
        return;
      }
      this.pending.delete(id);
      waiting.reject(new TimeoutError());
    }
    this.timer = undefined;
  };
}
