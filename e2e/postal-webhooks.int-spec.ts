import { createHmac, randomUUID } from 'node:crypto';
import { postalService } from '@mc/postal';
import { startInProcess, type InProcessPlatform } from './support';

const SECRET = 'buu-dien-test-secret-2026';
const sign = (timestamp: string, body: string, secret = SECRET) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
const now = () => String(Math.floor(Date.now() / 1000));

/**
 * The operator's webhooks at the gateway's partner route, as the operator
 * sends them: signed over the raw body with a timestamp. Unsigned, wrongly
 * signed, stale and replayed requests are refused with 401 and change nothing;
 * duplicates are applied once; out-of-order reports are ordered by event time.
 */
describe('the postal operator webhook', () => {
  let platform: InProcessPlatform;
  const orderId = randomUUID();
  const WAYBILL = 'EL00000042VN';

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${platform.gateway.url}/api/v1/postal/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (report: Record<string, unknown>, timestamp = now()) => {
    const body = JSON.stringify({ orderId, waybill: WAYBILL, ...report });
    return { body, headers: { 'x-postal-timestamp': timestamp, 'x-postal-signature': sign(timestamp, body) } };
  };
  const send = async (report: Record<string, unknown>, timestamp?: string) => {
    const { body, headers } = signed(report, timestamp);
    const response = await post(body, headers);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
  };
  const steps = async () => {
    const rows: { status: string }[] = await platform.services[0]!.dataSource.query('SELECT status FROM order_steps WHERE order_id = $1 ORDER BY event_time', [orderId]);
    return rows.map((row) => row.status);
  };
  const orderStatus = async () => (await platform.services[0]!.dataSource.query('SELECT status FROM orders WHERE id = $1', [orderId]))[0].status;

  beforeAll(async () => {
    platform = await startInProcess([postalService], { POSTAL_OPERATOR_SECRET: SECRET, POSTAL_OPERATOR_URL: 'http://127.0.0.1:9', POSTAL_RELAY_INTERVAL_MS: '60000' });
    await platform.services[0]!.dataSource.query(
      `INSERT INTO orders (id, leg, status, waybill, procedure_code, receiving_unit_code, address, contact, requested_by, created_at)
       VALUES ($1, 'return', 'queued', $2, '1.999101', '05983', '{}', '{}', 'test', now())`,
      [orderId, WAYBILL],
    );
  });

  afterAll(() => platform?.stop());

  it('refuses an unsigned report, a wrong signature and a stale timestamp with 401, recording nothing', async () => {
    const { body } = signed({ messageId: 'M-1', status: 'accepted', eventTime: '2026-03-02T08:00:00+07:00' });
    const unsigned = await post(body, {});
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const timestamp = now();
    expect((await post(body, { 'x-postal-timestamp': timestamp, 'x-postal-signature': sign(timestamp, body, 'another-secret-of-16') })).status).toBe(401);
    // Signed correctly, but the body was changed on the way.
    expect((await post(body.replace('accepted', 'delivered'), { 'x-postal-timestamp': timestamp, 'x-postal-signature': sign(timestamp, body) })).status).toBe(401);
    const stale = await send({ messageId: 'M-1', status: 'accepted', eventTime: '2026-03-02T08:00:00+07:00' }, String(Math.floor(Date.now() / 1000) - 3600));
    expect(stale.status).toBe(401);
    expect(stale.body.error?.message).toContain('quá hạn');
    expect(await steps()).toEqual([]);
  });

  it('refuses a replay of a request it accepted, and applies a duplicate message once', async () => {
    const first = signed({ messageId: 'M-2', status: 'accepted', eventTime: '2026-03-02T08:00:00+07:00' });
    expect((await post(first.body, first.headers)).status).toBe(200);
    const replay = await post(first.body, first.headers);
    expect(replay.status).toBe(401);
    // The operator sends the same message again, signed afresh: acknowledged, not applied.
    const duplicate = await send({ messageId: 'M-2', status: 'accepted', eventTime: '2026-03-02T08:00:00+07:00' }, String(Number(now()) + 1));
    expect(duplicate).toEqual({ status: 200, body: { applied: false, status: 'accepted' } });
    expect(await steps()).toEqual(['accepted']);
  });

  it('orders reports by the operator’s event time: an older report arriving late does not move the order back', async () => {
    expect((await send({ messageId: 'M-4', status: 'delivered', eventTime: '2026-03-02T15:00:00+07:00' })).body).toEqual({ applied: true, status: 'delivered' });
    expect((await send({ messageId: 'M-3', status: 'result_collected', eventTime: '2026-03-02T10:00:00+07:00' })).body).toEqual({ applied: true, status: 'delivered' });
    expect(await orderStatus()).toBe('delivered');
    expect(await steps()).toEqual(['accepted', 'result_collected', 'delivered']);
  });

  it('answers 400, not 5xx, to a signed report that is not a report', async () => {
    const reply = await send({ messageId: 'M-5', status: 'teleported', eventTime: 'yesterday' });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('VALIDATION_FAILED');
  });
});
