import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { Reply } from '@mc/contracts';
import { currentTraceHeaders, inSpan, otelContext, SpanKind } from '@mc/observability';
import type { Bus } from './bus';
import { BusRecord } from './bus-context';
import { RemoteError, transportError } from './errors';
import { toMsgHdrs } from './headers';
import { RequestMux } from './request-mux';

const encoder = new TextEncoder();

/**
 * Nest client for request/reply. An error reply is raised as a RemoteError with
 * the service's code and message unchanged; transport failures (no responders,
 * timeout) become SERVICE_UNAVAILABLE / SERVICE_TIMEOUT.
 */
export class NatsClientProxy extends ClientProxy {
  private readonly mux: RequestMux;

  constructor(
    private readonly bus: Bus,
    timeoutMs = 5_000,
  ) {
    super();
    this.mux = new RequestMux(bus.nc, timeoutMs);
  }

  /**
   * The call the gateway makes: payload, headers (token, idempotency key), typed result. A promise straight from
   * the bus, not Nest's `send`: its observable and subscription cost more than the rest of a public lookup's routing.
   */
  async request<T>(subject: string, data: unknown, headers: Record<string, string | undefined> = {}): Promise<T> {
    const reply = await this.call(subject, data, headers);
    if (!reply.ok) throw new RemoteError(reply.error);
    return reply.data as T;
  }

  async connect(): Promise<Bus> {
    return this.bus;
  }

  // The connection belongs to the process (Bus), not to this proxy.
  async close(): Promise<void> {
    return undefined;
  }

  unwrap<T>(): T {
    return this.bus.nc as T;
  }

  override on(): never {
    throw new Error('NatsClientProxy does not emit events');
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const record = packet.data instanceof BusRecord ? packet.data : new BusRecord(packet.data);
    this.call(packet.pattern as string, record.data, record.headers).then(
      (reply) => callback(reply.ok ? { response: reply.data, isDisposed: true } : { err: new RemoteError(reply.error) }),
      (error) => callback({ err: error }),
    );
    return () => undefined;
  }

  /** The reply envelope, or the transport's failure as SERVICE_UNAVAILABLE / SERVICE_TIMEOUT / PAYLOAD_TOO_LARGE. */
  private call(subject: string, data: unknown, headers: Record<string, string | undefined>): Promise<Reply<unknown>> {
    return inSpan(`request ${subject}`, SpanKind.CLIENT, otelContext.active(), { 'rpc.method': subject }, async () => {
      const response = await this.mux.request(
        this.bus.subject(subject),
        encoder.encode(JSON.stringify(data ?? null)),
        toMsgHdrs({ ...headers, ...currentTraceHeaders() }),
      );
      return response.json<Reply<unknown>>();
    }).catch((error: unknown) => {
      throw transportError(error, subject.split('.')[0] ?? subject);
    });
  }

  /** Fire-and-forget core NATS publish; domain events go through the outbox instead. */
  protected async dispatchEvent<T = undefined>(packet: ReadPacket): Promise<T> {
    this.bus.nc.publish(this.bus.subject(packet.pattern as string), encoder.encode(JSON.stringify(packet.data ?? null)));
    return undefined as T;
  }
}
