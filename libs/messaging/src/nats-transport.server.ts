import { CustomTransportStrategy, Server, type MessageHandler } from '@nestjs/microservices';
import type { Msg, Subscription } from '@nats-io/transport-node';
import { isObservable, lastValueFrom } from 'rxjs';
import { AppError, fail, healthSubject, ok, type HealthReport, type Reply, type ServiceName } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import type { Histogram } from '@opentelemetry/api';
import { contextFromTraceHeaders, inSpan, platformMetrics, SpanKind, type Logger } from '@mc/observability';
import type { Bus } from './bus';
import { BusContext } from './bus-context';
import { isExpectedError, toErrorBody } from './errors';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';
import { BusHeader, fromMsgHdrs } from './headers';
import { PublishBatch } from './publish-batch';

export interface NatsTransportOptions {
  bus: Bus;
  service: ServiceName;
  logger: Logger;
  /** Verifies a bearer token; every service does this itself, trusting nothing on the bus. */
  verifyToken: (token: string) => Promise<Principal>;
  health: () => Promise<HealthReport>;
  consumer: Omit<EventConsumerOptions, 'service' | 'subject'>;
  /** Turns a failure the transport cannot recognise (a lost database, say) into an answer the caller can act on. */
  translateError?: (error: unknown) => AppError | undefined;
}

const encoder = new TextEncoder();

/**
 * Nest transport over the current NATS client: `@MessagePattern` handlers answer
 * request/reply in the service's queue group with a `{ok, data} | {ok: false, error}`
 * envelope; `@EventPattern` handlers become durable JetStream consumers.
 */
export class NatsTransportServer extends Server implements CustomTransportStrategy {
  private readonly subscriptions: Subscription[] = [];
  private readonly consumers: EventConsumer[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly duration: Histogram;
  /** Replies finished in one turn of the event loop (queries completing on several connections) leave in one write. */
  private readonly replies: PublishBatch;

  constructor(private readonly options: NatsTransportOptions) {
    super();
    this.duration = platformMetrics.busRequestDuration();
    this.replies = new PublishBatch(options.bus.nc);
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error) => callback(error),
    );
  }

  private async start(): Promise<void> {
    const { bus, service } = this.options;
    this.subscribe(healthSubject(service), async () => this.options.health());
    for (const [pattern, handler] of this.getHandlers()) {
      if (handler.isEventHandler) {
        const consumer = new EventConsumer(
          bus,
          { ...this.options.consumer, service, subject: pattern },
          (event, context) => this.invoke(handler, event, context),
          this.options.logger,
        );
        await consumer.start();
        this.consumers.push(consumer);
      } else {
        this.subscribe(pattern, (data, context) => this.invoke(handler, data, context));
      }
    }
    await bus.nc.flush();
  }

  private subscribe(pattern: string, run: (data: unknown, context: BusContext) => Promise<unknown>): void {
    const { bus, service } = this.options;
    const subscription = bus.nc.subscribe(bus.subject(pattern), {
      queue: service,
      callback: (error, message) => {
        if (error) {
          this.options.logger.error({ err: error, pattern }, 'subscription error');
          return;
        }
        const job = this.answer(pattern, message, run).finally(() => this.inFlight.delete(job));
        this.inFlight.add(job);
      },
    });
    this.subscriptions.push(subscription);
  }

  private async answer(
    pattern: string,
    message: Msg,
    run: (data: unknown, context: BusContext) => Promise<unknown>,
  ): Promise<void> {
    const headers = fromMsgHdrs(message.headers);
    const attributes = { 'messaging.system': 'nats', 'rpc.method': pattern, 'mc.service': this.options.service };
    const started = performance.now();
    let outcome = 'ok';
    await inSpan(`${this.options.service} ${pattern}`, SpanKind.SERVER, contextFromTraceHeaders(headers), attributes, async () => {
      let reply: Reply<unknown>;
      try {
        const data = message.data.length > 0 ? message.json() : undefined;
        const context = new BusContext(headers, pattern, await this.authenticate(headers));
        reply = ok((await run(data, context)) ?? null);
      } catch (error) {
        const translated = isExpectedError(error) ? undefined : this.options.translateError?.(error);
        if (translated) this.options.logger.warn({ err: error, pattern }, translated.message);
        else if (!isExpectedError(error)) this.options.logger.error({ err: error, pattern }, 'handler failed');
        const body = toErrorBody(translated ?? error);
        reply = fail(body);
        outcome = body.code;
      }
      if (message.reply) {
        this.replies.publish(message.reply, encoder.encode(JSON.stringify(reply)), {}, (error) =>
          this.options.logger.error({ err: error, pattern }, 'reply not sent'),
        );
      }
    });
    this.duration.record((performance.now() - started) / 1000, { subject: pattern, outcome });
  }

  /** The handler's answer; through an observable only when the handler gave one, not for every request. */
  private async invoke(handler: MessageHandler, data: unknown, context: BusContext): Promise<unknown> {
    const result: unknown = await handler(data, context);
    return isObservable(result) ? lastValueFrom(result, { defaultValue: undefined }) : result;
  }

  private async authenticate(headers: Record<string, string>): Promise<Principal | null> {
    const authorization = headers[BusHeader.authorization];
    if (!authorization) return null;
    const [scheme, token] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new AppError('UNAUTHENTICATED', 'Thiếu mã đăng nhập hợp lệ (Bearer).');
    }
    return this.options.verifyToken(token);
  }

  /** Stops taking work, finishes what is in flight, then lets go of the consumers. */
  async close(): Promise<void> {
    await Promise.all(this.subscriptions.map((subscription) => subscription.drain().catch(() => undefined)));
    await Promise.all([...this.inFlight]);
    // The last replies wait in the batch for the end of this turn of the event loop; let them leave first.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  on(): never {
    throw new Error('NatsTransportServer does not emit events');
  }

  unwrap<T>(): T {
    return this.options.bus.nc as T;
  }
}
