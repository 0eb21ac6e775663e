import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@mc/local-infra';
import { PostalOperatorSimulator } from './postal-operator-simulator';

const SECRET = 'buu-dien-test-secret-2026';

/**
 * The simulator's late reports: one held back goes out after the next; the
 * last report of an order, with no next one to follow, still goes out.
 */
describe('the postal operator simulator holding a report back', () => {
  let receiver: Server;
  let operator: PostalOperatorSimulator;
  const received: { status: string; eventTime: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status: string; eventTime: string });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // Every report that can be held back is.
    operator = await PostalOperatorSimulator.start({
      secret: SECRET,
      stepMs: 100,
      outOfOrderRate: 1,
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
    });
  });

  afterAll(async () => {
    await operator?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('sends every status of an order, the held-back ones late, the last one although nothing follows it', async () => {
    const body = JSON.stringify({ orderId: randomUUID(), leg: 'pickup', collectedFees: 0 });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const accepted = await fetch(`${operator.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-postal-timestamp': timestamp, 'x-postal-signature': `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}` },
      body,
    });
    expect(accepted.status).toBe(200);

    await waitFor('three reports', async () => received.length === 3, 10_000);
    // accepted is held back behind picked_up; handed_to_centre, held back with nothing after it, goes out on its own.
    expect(received.map((report) => report.status)).toEqual(['picked_up', 'accepted', 'handed_to_centre']);
    expect(operator.faults.outOfOrder).toBe(2);
  });
});
