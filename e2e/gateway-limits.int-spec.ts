import { connect } from 'node:net';
import { catalogService } from '@mc/catalog';
import { startGateway, type RunningGateway } from '@mc/gateway';
import { identityService } from '@mc/identity';
import { passwordToken, startInProcess, type InProcessPlatform } from './support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two gateway replicas on one bus, with limits low enough to reach in a test. */
describe('abuse limits at the gateway', () => {
  let platform: InProcessPlatform;
  let second: RunningGateway;
  const tokens: Record<string, string> = {};

  const get = async (gateway: RunningGateway, path: string, address: string, token?: string) => {
    const response = await fetch(`${gateway.url}${path}`, {
      // The test stands in for the reverse proxy, which names the client's address.
      headers: { 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const body = (await response.json()) as { error?: { code: string; message: string } };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  };

  beforeAll(async () => {
    platform = await startInProcess([identityService, catalogService], {
      GATEWAY_TRUST_PROXY: '127.0.0.1',
      RATE_LIMIT_PUBLIC_MAX: '5',
      RATE_LIMIT_ACCOUNT_MAX: '4',
      RATE_LIMIT_WINDOW_MS: '60000',
      RATE_LIMIT_SYNC_MS: '50',
      GATEWAY_REQUEST_TIMEOUT_MS: '1000',
    });
    second = await startGateway(platform.env);
    for (const username of ['tiepnhan.lvt', 'chuyenvien.lvt', 'lanhdao.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
  });
  afterAll(async () => {
    await second?.close();
    await platform?.stop();
  });

  it('counts a client address across both replicas and answers 429 with Retry-After in Vietnamese', async () => {
    const first = platform.gateway;
    for (let i = 0; i < 3; i += 1) expect((await get(first, '/api/v1/catalog/procedures?q=khai+sinh', '203.0.113.10')).status).toBe(200);
    await sleep(300);
    for (let i = 0; i < 2; i += 1) expect((await get(second, '/api/v1/catalog/procedures?q=khai+sinh', '203.0.113.10')).status).toBe(200);

    const refused = await get(second, '/api/v1/catalog/procedures?q=khai+sinh', '203.0.113.10');
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(refused.body.error?.message).toMatch(/quá nhiều yêu cầu.*thử lại sau \d+ giây/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    await sleep(300);
    expect((await get(first, '/api/v1/tracking/20.05983.260101.0001?token=x', '203.0.113.10')).status).toBe(429);

    // Another address is not affected.
    expect((await get(first, '/api/v1/catalog/procedures?q=khai+sinh', '203.0.113.11')).status).toBe(200);
  });

  it('counts a signed-in caller per account, wherever the requests come from', async () => {
    const clerk = tokens['tiepnhan.lvt'];
    for (const [i, address] of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'].entries()) {
      expect((await get(i % 2 ? second : platform.gateway, '/api/v1/catalog/fields', address, clerk)).status).toBe(200);
    }
    await sleep(300);
    const refused = await get(platform.gateway, '/api/v1/catalog/fields', '198.51.100.5', clerk);
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'RATE_LIMITED']);

    // A colleague at the same address, and anonymous visitors from it, keep their own allowance.
    expect((await get(platform.gateway, '/api/v1/catalog/fields', '198.51.100.1', tokens['lanhdao.lvt'])).status).toBe(200);
    expect((await get(platform.gateway, '/api/v1/catalog/fields', '198.51.100.1')).status).toBe(200);
  });

  it('does not let a forged token spend someone else’s allowance', async () => {
    const victim = tokens['chuyenvien.lvt']!;
    const forged = `${victim.slice(0, victim.lastIndexOf('.'))}.${'A'.repeat(40)}`;
    const answers = [];
    for (let i = 0; i < 8; i += 1) answers.push((await get(platform.gateway, '/api/v1/catalog/fields', '192.0.2.50', forged)).status);
    // Refused as unauthenticated, and counted against the sender's address.
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect((await get(platform.gateway, '/api/v1/catalog/fields', '192.0.2.51', victim)).status).toBe(200);
  });

  it('cuts off a client that trickles its body', async () => {
    const { port } = new URL(platform.gateway.url);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    socket.on('error', () => undefined);
    const started = Date.now();
    socket.write('POST /api/v1/citizens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
    let giveUp: NodeJS.Timeout | undefined;
    const ended = await Promise.race([closed, new Promise<null>((resolve) => (giveUp = setTimeout(() => resolve(null), 6_000)))]);
    clearTimeout(giveUp);
    clearInterval(trickle);
    socket.destroy();
    expect(ended).not.toBeNull();
    // The bound is 1 s; the server checks its connections every 250 ms at most.
    expect(ended! - started).toBeLessThan(2_500);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
