import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { Reply } from '@mc/contracts';
import { currentTraceHeaders, inSpan, otelContext, SpanKind } from '@mc/observability';
import type { Bus } from './bus';
import { BusRecord } from './bus-context';
import { RemoteError, transportError } from './errors';
import { toMsgHdrs } from './headers';

const encoder = new TextEncoder();

/**
 * Nest client for request/reply. An error reply is raised as a RemoteError with
 * the service's code and message unchanged; transport failures (no responders,
 * timeout) become SERVICE_UNAVAILABLE / SERVICE_TIMEOUT.
 */
export class NatsClientProxy extends ClientProxy {
  constructor(
    private readonly bus: Bus,
    private readonly timeoutMs = 5_000,
  ) {
    super();
  }

  /** The call the gateway makes: payload, headers (token, idempotency key), typed result. */
  request<T>(subject: string, data: unknown, headers: Record<string, string | undefined> = {}): Promise<T> {
    return lastValueFrom(this.send<T>(subject, new BusRecord(data, headers)));
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
    const subject = packet.pattern as string;
    const record = packet.data instanceof BusRecord ? packet.data : new BusRecord(packet.data);
    const service = subject.split('.')[0] ?? subject;
    inSpan(`request ${subject}`, SpanKind.CLIENT, otelContext.active(), { 'rpc.method': subject }, async () => {
      const response = await this.bus.nc.request(this.bus.subject(subject), encoder.encode(JSON.stringify(record.data ?? null)), {
        timeout: this.timeoutMs,
        headers: toMsgHdrs({ ...record.headers, ...currentTraceHeaders() }),
      });
      return response.json<Reply<unknown>>();
    }).then(
      (reply) => callback(reply.ok ? { response: reply.data, isDisposed: true } : { err: new RemoteError(reply.error) }),
      (error) => callback({ err: transportError(error, service) }),
    );
    return () => undefined;
  }

  /** Fire-and-forget core NATS publish; domain events go through the outbox instead. */
  protected async dispatchEvent<T = undefined>(packet: ReadPacket): Promise<T> {
    this.bus.nc.publish(this.bus.subject(packet.pattern as string), encoder.encode(JSON.stringify(packet.data ?? null)));
    return undefined as T;
  }
}
