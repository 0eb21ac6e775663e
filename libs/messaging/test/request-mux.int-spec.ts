import { connect, headers, NoRespondersError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { testNamespace, testNatsUrl } from '@mc/local-infra';
import { Bus, NatsClientProxy, RemoteError } from '../src/client';
import { RequestMux } from '../src/request-mux';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('requests over one inbox subscription', () => {
  const namespace = testNamespace();
  let requester: NatsConnection;
  let responder: NatsConnection;

  beforeAll(async () => {
    requester = await connect({ servers: testNatsUrl() });
    responder = await connect({ servers: testNatsUrl() });
    // Echoes the body with its headers, or answers after the delay the body asks for.
    responder.subscribe(`${namespace}.echo`, {
      callback: (_error, message) => {
        const body = decoder.decode(message.data);
        const answer = () => message.respond(encoder.encode(`${body}|${message.headers?.get('x-who') ?? ''}`));
        const delay = Number(body.match(/^wait (\d+)/)?.[1] ?? 0);
        if (delay) setTimeout(answer, delay).unref();
        else answer();
      },
    });
    await responder.flush();
  });
  afterAll(async () => {
    await requester?.close();
    await responder?.close();
  });

  it('gives each of many concurrent requests its own reply, headers carried', async () => {
    const mux = new RequestMux(requester, 2_000);
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const h = headers();
        h.set('x-who', `caller-${i}`);
        return mux.request(`${namespace}.echo`, encoder.encode(`body-${i}`), h).then((message) => decoder.decode(message.data));
      }),
    );
    expect(replies).toEqual(Array.from({ length: 200 }, (_, i) => `body-${i}|caller-${i}`));
    expect(mux.waiting).toBe(0);
  });

  it('answers no responders when nothing listens on the subject', async () => {
    const mux = new RequestMux(requester, 2_000);
    await expect(mux.request(`${namespace}.nobody`, encoder.encode('x'))).rejects.toBeInstanceOf(NoRespondersError);
    expect(mux.waiting).toBe(0);
  });

  it('times out a request not answered in time, ignores its late reply, and keeps serving others', async () => {
    const mux = new RequestMux(requester, 150);
    const started = Date.now();
    const late = mux.request(`${namespace}.echo`, encoder.encode('wait 400'));
    await expect(late).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(mux.waiting).toBe(0);
    // The late reply arrives while another request waits; it must not settle that one.
    const next = mux.request(`${namespace}.echo`, encoder.encode('wait 300'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(next).rejects.toBeInstanceOf(TimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(mux.request(`${namespace}.echo`, encoder.encode('on time')).then((message) => decoder.decode(message.data))).resolves.toBe('on time|');
    expect(mux.waiting).toBe(0);
  });

  it('times out requests made at different moments each after its own timeout', async () => {
    const mux = new RequestMux(requester, 200);
    const first = Date.now();
    const a = mux.request(`${namespace}.echo`, encoder.encode('wait 1000')).catch(() => Date.now() - first);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const b = mux.request(`${namespace}.echo`, encoder.encode('wait 1000')).catch(() => Date.now() - first);
    const [aAfter, bAfter] = await Promise.all([a, b]);
    expect(aAfter).toBeGreaterThanOrEqual(190);
    expect(aAfter).toBeLessThan(320);
    expect(bAfter).toBeGreaterThanOrEqual(310);
  });

  it('refuses a body larger than the server takes, as the client did', async () => {
    const mux = new RequestMux(requester, 2_000);
    const tooLarge = new Uint8Array((requester.info?.max_payload ?? 1024 * 1024) + 1);
    await expect(mux.request(`${namespace}.echo`, tooLarge)).rejects.toThrow(/max_payload/);
    expect(mux.waiting).toBe(0);
  });

  it('fails what still waits when the connection closes', async () => {
    const own = await connect({ servers: testNatsUrl() });
    const mux = new RequestMux(own, 5_000);
    const waiting = mux.request(`${namespace}.echo`, encoder.encode('wait 2000'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await own.close();
    await expect(waiting).rejects.toThrow('connection closed');
  });
});

describe('the client proxy over the multiplexer', () => {
  const namespace = testNamespace();
  let bus: Bus;

  beforeAll(async () => {
    bus = await Bus.connect({ url: testNatsUrl(), namespace, service: 'gateway' });
    bus.nc.subscribe(`${namespace}.dossier.answer`, {
      callback: (_error, message) => {
        const asked = message.json<{ fail?: boolean }>();
        message.respond(
          encoder.encode(
            JSON.stringify(asked.fail ? { ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ.' } } : { ok: true, data: { asked } }),
          ),
        );
      },
    });
    await bus.nc.flush();
  });
  afterAll(async () => bus?.close());

  it('returns the data of an ok reply and raises an error reply with its code and message', async () => {
    const client = new NatsClientProxy(bus, 2_000);
    await expect(client.request('dossier.answer', { code: 'A' })).resolves.toEqual({ asked: { code: 'A' } });
    await expect(client.request('dossier.answer', { fail: true })).rejects.toEqual(new RemoteError({ code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ.' }));
  });

  it('answers SERVICE_UNAVAILABLE with the service named when nothing listens, SERVICE_TIMEOUT when it is slow', async () => {
    const client = new NatsClientProxy(bus, 150);
    await expect(client.request('postal.nobody', {})).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'Dịch vụ postal đang tạm dừng. Vui lòng thử lại sau ít phút.' });
    bus.nc.subscribe(`${namespace}.catalog.silent`, { callback: () => undefined });
    await bus.nc.flush();
    await expect(client.request('catalog.silent', {})).rejects.toMatchObject({ code: 'SERVICE_TIMEOUT', message: 'Dịch vụ catalog phản hồi quá chậm. Vui lòng thử lại.' });
  });
});
