import type { IncomingMessage, ServerResponse } from 'node:http';
import { callBack, HttpSimulator, RateLimit, seeded } from './http-simulator';

/** What every message provider simulator is configured with. */
export interface MessageProviderOptions {
  /** Presented on the callbacks (delivery reports) sent to the platform. */
  callbackToken: string;
  /** Where delivery reports go (the platform's provider route); settable later. */
  reportUrl?: string;
  port?: number;
  host?: string;
  /** How long after accepting a message its delivery report is sent. */
  reportDelayMs?: number;
  /** Requests per second before 429. */
  perSecond?: number;
  /** How long the provider takes to answer a message it has already taken, as a real one does on a bad minute. */
  answerDelayMs?: number;
  /** Share of requests answered 503 at random. */
  failRate?: number;
  seed?: number;
}

/**
 * What the SMS gateway and Zalo simulators share: the HTTP server, the rate
 * limit, outages on demand or at random (seeded, so a test sees the same
 * faults every run) and delivery reports POSTed later. Each provider answers
 * in its own words.
 */
export abstract class MessageProviderSimulator<Options extends MessageProviderOptions> {
  protected readonly random: () => number;
  private readonly http: HttpSimulator;
  private readonly limit: RateLimit;
  private failures = 0;
  private closed = false;
  private readonly pending = new Set<Promise<unknown>>();
  reportUrl: string | undefined;
  /** Settable while running, as the provider's slow minutes come and go. */
  answerDelayMs: number;

  protected constructor(
    protected readonly options: Options,
    defaultSeed: number,
  ) {
    this.http = new HttpSimulator((request, response) => this.handle(request, response), options.port, options.host);
    this.random = seeded(options.seed ?? defaultSeed);
    this.limit = new RateLimit(options.perSecond ?? 50);
    this.reportUrl = options.reportUrl;
    this.answerDelayMs = options.answerDelayMs ?? 0;
  }

  get url(): string {
    return this.http.url;
  }

  /** The next `count` send requests fail with 503, as during an outage of the provider. */
  failNext(count: number): void {
    this.failures = count;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.http.close();
    await Promise.all(this.pending);
  }

  protected listen(): Promise<void> {
    return this.http.listen();
  }

  protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;

  /** Why an authenticated send request is refused before it is read: over the rate limit, or the provider is out. */
  protected refusal(): 'rate-limited' | 'unavailable' | undefined {
    if (!this.limit.take()) return 'rate-limited';
    if (this.failures > 0 || this.random() < (this.options.failRate ?? 0)) {
      this.failures = Math.max(0, this.failures - 1);
      return 'unavailable';
    }
    return undefined;
  }

  /** Waits the answer delay: the message is taken and its report on the way, only the answer is late. */
  protected async answerLate(): Promise<void> {
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
  }

  /** POSTs the report `report()` makes after the provider's delay, retried until the platform takes it or the simulator closes. */
  protected reportLater(report: () => unknown): void {
    if (!this.reportUrl) return;
    const url = this.reportUrl;
    const task = new Promise((resolve) => setTimeout(resolve, this.options.reportDelayMs ?? 500)).then(() =>
      callBack(url, this.options.callbackToken, report(), 8, () => this.closed),
    );
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }
}
