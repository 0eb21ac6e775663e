import { Writable } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { catalogService } from '@mc/catalog';
import { createDossierModule, dossierService, PROCEDURE_CATALOG } from '@mc/dossier';
import { startGateway, type RunningGateway } from '@mc/gateway';
import { identityService } from '@mc/identity';
import { startTelemetry } from '@mc/observability';
import { passwordToken, startInProcess, stubProcedureVersion, type InProcessPlatform } from './support';

const spans = new InMemorySpanExporter();
startTelemetry({ serviceName: 'e2e', spanProcessors: [new SimpleSpanProcessor(spans)] });

// The dossier service is given the published version the catalog would answer (as in dossier.int-spec.ts).
const VERSION = stubProcedureVersion();

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever the API answered
  body: Record<string, any>;
}

/** Requests as a browser or a script sends them, body as raw text so malformed ones can be sent too. */
describe('requests at the gateway', () => {
  let platform: InProcessPlatform;
  /** A second replica whose log lines the test keeps, to show what it writes about a request; every request goes to it. */
  let gateway: RunningGateway;
  const tokens: Record<string, string> = {};
  const logLines: string[] = [];

  const send = async (method: string, path: string, options: { who?: string; token?: string; body?: string; type?: string; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const bearer = options.token ?? (options.who ? tokens[options.who] : undefined);
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': options.type ?? 'application/json' }),
        ...options.headers,
      },
      body: options.body,
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // HTML (the API docs) or an empty answer
    }
    return { status: response.status, headers: response.headers, text, body };
  };
  const json = (method: string, path: string, who: string | null, value: unknown) =>
    send(method, path, { who: who ?? undefined, body: JSON.stringify(value) });

  const receive = async (key: string) => {
    const received = await send('POST', '/api/v1/dossiers', {
      who: 'tiepnhan.lvt',
      headers: { 'idempotency-key': key },
      body: JSON.stringify({
        procedureCode: '1.001022',
        channel: 'counter',
        applicant: { kind: 'individual', fullName: 'Lộc Văn Hùng', idNumber: '020088004321' },
        components: [{ name: 'Tờ khai đăng ký khai tử' }],
      }),
    });
    expect(received.status).toBe(201);
    const { code, tracking } = received.body.receipt as { code: string; tracking: { token: string } };
    const view = await send('GET', `/api/v1/dossiers/${code}`, { who: 'tiepnhan.lvt' });
    return { code, id: view.body.id as string, token: tracking.token };
  };

  beforeAll(async () => {
    const dossier = {
      ...dossierService,
      module: createDossierModule({ catalog: { provide: PROCEDURE_CATALOG, useValue: { versionInForce: async () => VERSION } } }),
    };
    platform = await startInProcess([identityService, catalogService, dossier], {
      DOSSIER_CALENDAR_SOURCE: 'default-profile',
      // The test is the proxy in front: it says which requests came over TLS.
      GATEWAY_TRUST_PROXY: '127.0.0.1',
    });
    const capture = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    gateway = await startGateway({ ...platform.env, LOG_LEVEL: 'trace' }, { logDestination: capture });
    for (const username of ['admin.tinh', 'tiepnhan.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
  });
  afterAll(async () => {
    await gateway?.close();
    await platform?.stop();
  });

  describe('sign-in and permission come before the body is checked', () => {
    const badProcedure = JSON.stringify({ name: 42 });

    it('answers 401 to an anonymous caller and 403 to a clerk adding a procedure, whatever the body', async () => {
      const anonymous = await send('POST', '/api/v1/catalog/procedures', { body: badProcedure });
      expect([anonymous.status, anonymous.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(anonymous.body.error.message).toMatch(/đăng nhập/);
      const malformed = await send('POST', '/api/v1/catalog/procedures', { body: '{"name": ' });
      expect(malformed.status).toBe(401);
      const clerk = await send('POST', '/api/v1/catalog/procedures', { who: 'tiepnhan.lvt', body: badProcedure });
      expect([clerk.status, clerk.body.error?.code]).toEqual([403, 'FORBIDDEN']);
      const forged = await send('POST', '/api/v1/catalog/procedures', { token: `${tokens['admin.tinh']!.slice(0, -4)}AAAA`, body: badProcedure });
      expect(forged.status).toBe(401);
      // The province admin may add procedures: only now does the body matter.
      const admin = await send('POST', '/api/v1/catalog/procedures', { who: 'admin.tinh', body: badProcedure });
      expect([admin.status, admin.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('does the same for units, accounts, dossiers and the calendar', async () => {
      expect((await send('POST', '/api/v1/units', { body: '[' })).status).toBe(401);
      expect((await json('POST', '/api/v1/units', 'tiepnhan.lvt', { code: 7 })).status).toBe(403);
      expect((await json('POST', '/api/v1/accounts', 'tiepnhan.lvt', { username: [] })).status).toBe(403);
      expect((await json('PUT', '/api/v1/calendar/2026/days', 'tiepnhan.lvt', { days: 'x' })).status).toBe(403);
      expect((await json('POST', '/api/v1/dossiers', null, { channel: 5 })).status).toBe(401);
      expect((await json('POST', '/api/v1/dossiers/20.05983.260101.0001/actions', null, { action: 1 })).status).toBe(401);
      // Public routes stay public.
      expect((await send('GET', '/api/v1/catalog/fields')).status).toBe(200);
    });
  });

  describe('bodies the platform cannot take', () => {
    it('refuses JSON nested thousands deep with 400 in Vietnamese', async () => {
      const deep = `{"name": ${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
      for (const [who, path] of [
        ['admin.tinh', '/api/v1/catalog/procedures'],
        [undefined, '/api/v1/citizens'],
      ] as const) {
        const answer = await send('POST', path, { who, body: deep });
        expect([path, answer.status, answer.body.error?.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
        expect(answer.body.error.message).toMatch(/lồng nhau quá sâu/);
      }
      // Nesting an ordinary form uses is fine.
      const ordinary = await json('POST', '/api/v1/catalog/procedures', 'admin.tinh', { a: { b: [[{ c: 1 }]] } });
      expect(ordinary.body.error?.message).not.toMatch(/lồng nhau/);
    });

    it('answers 413 to a body larger than one bus message, below the HTTP limit', async () => {
      const answer = await send('POST', '/api/v1/catalog/procedures', { who: 'admin.tinh', body: JSON.stringify({ name: 'a'.repeat(1_048_000) }) });
      expect([answer.status, answer.body.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(answer.body.error.message).toMatch(/quá lớn/);
    });

    it('answers plain text and JSON that is not an object in Vietnamese, with no English', async () => {
      const text = await send('POST', '/api/v1/citizens', { body: 'xin chào', type: 'text/plain' });
      expect([text.status, text.body.error?.code]).toEqual([415, 'VALIDATION_FAILED']);
      expect(text.body.error.message).toMatch(/JSON/);
      for (const body of ['"xin chào"', '42', '[1, 2]', 'null']) {
        const answer = await send('POST', '/api/v1/citizens', { body });
        expect([body, answer.status, answer.body.error?.code]).toEqual([body, 400, 'VALIDATION_FAILED']);
        expect(answer.body.error.message).toMatch(/đối tượng JSON/);
        expect(answer.text).not.toMatch(/Invalid input|expected|received/);
      }
    });
  });

  describe('the path names the resource', () => {
    it('refuses a body naming another dossier than the path, and leaves that dossier alone', async () => {
      const first = await receive('duong-dan-1');
      const second = await receive('duong-dan-2');
      const before = await send('GET', `/api/v1/dossiers/${second.code}/history`, { who: 'tiepnhan.lvt' });

      const byId = await json('POST', `/api/v1/dossiers/${first.code}/actions`, 'tiepnhan.lvt', { action: 'hand_over', dossierId: second.id });
      expect([byId.status, byId.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(byId.body.error.message).toMatch(/địa chỉ/);
      const byCode = await json('POST', `/api/v1/dossiers/${first.code}/actions`, 'tiepnhan.lvt', { action: 'hand_over', code: second.code });
      expect(byCode.status).toBe(400);
      const subHandling = await json('POST', `/api/v1/dossiers/${first.code}/sub-handlings/05983/actions`, 'tiepnhan.lvt', {
        action: 'start',
        unitCode: '05977',
      });
      expect(subHandling.status).toBe(400);
      const after = await send('GET', `/api/v1/dossiers/${second.code}/history`, { who: 'tiepnhan.lvt' });
      expect(after.body).toEqual(before.body);

      // Repeating the path's own value is not a disagreement.
      const same = await json('POST', `/api/v1/dossiers/${first.code}/actions`, 'tiepnhan.lvt', { action: 'hand_over', code: first.code });
      expect(same.status).toBe(200);
    });

    it('does the same wherever the path is merged into the body', async () => {
      const adoption = await json('PUT', '/api/v1/catalog/units/05983/adoptions/1.001193', 'admin.tinh', { unitCode: '05977', handlers: [] });
      expect([adoption.status, adoption.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
      const unit = await json('PATCH', '/api/v1/units/05983', 'admin.tinh', { code: '05977', name: 'Phường khác' });
      expect(unit.status).toBe(400);
      const days = await json('PUT', '/api/v1/calendar/2026/days', 'admin.tinh', { year: 2027, days: [] });
      expect(days.status).toBe(400);
    });
  });

  describe('responses', () => {
    it('carry the security headers, HSTS only over TLS', async () => {
      const plain = await send('GET', '/api/v1/health/live');
      expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
      expect(plain.headers.get('referrer-policy')).toBe('no-referrer');
      expect(plain.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(plain.headers.get('x-powered-by')).toBeNull();
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      const overTls = await send('GET', '/api/v1/health/live', { headers: { 'x-forwarded-proto': 'https' } });
      expect(overTls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    });

    it('keep the API documentation working under the content security policy', async () => {
      const page = await send('GET', '/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toMatch(/script-src 'self'/);
      // Everything the page loads comes from the gateway itself, so 'self' lets it run.
      for (const [, src] of page.text.matchAll(/(?:src|href)="\.?\/?([^"]+)"/g)) {
        if (src!.startsWith('http')) throw new Error(`the docs page loads ${src} from elsewhere`);
        expect([src, (await send('GET', `/api/docs/${src!.replace(/^\.\//, '')}`)).status]).toEqual([src, 200]);
      }
      expect(page.text).not.toMatch(/<script>[^<]/);
    });

    it('are not stored by caches when they carry personal data or tracking, while the public catalogue may be', async () => {
      const dossier = await receive('bo-nho-dem');
      const tracked = await send('GET', `/api/v1/tracking/${dossier.code}?token=${dossier.token}`);
      expect(tracked.status).toBe(200);
      expect(tracked.headers.get('cache-control')).toBe('no-store');
      expect((await send('GET', `/api/v1/dossiers/${dossier.code}`, { who: 'tiepnhan.lvt' })).headers.get('cache-control')).toBe('no-store');
      expect((await send('GET', '/api/v1/accounts?unit=05983', { who: 'admin.tinh' })).headers.get('cache-control')).toBe('no-store');
      expect((await send('GET', '/api/v1/tracking/khong-co?token=x')).headers.get('cache-control')).toBe('no-store');
      expect((await send('GET', '/api/v1/catalog/fields')).headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      // The same catalogue read with a token may show drafts: private.
      expect((await send('GET', '/api/v1/catalog/fields', { who: 'admin.tinh' })).headers.get('cache-control')).toBe('no-store');
    });

    it('take the tracking token in a header too, and never write it to logs or spans', async () => {
      expect(logLines.join('')).toContain('gateway ready');
      const dossier = await receive('ma-tra-cuu');
      spans.reset();
      logLines.length = 0;
      const byHeader = await send('GET', `/api/v1/tracking/${dossier.code}`, { headers: { 'x-tracking-token': dossier.token } });
      expect(byHeader.status).toBe(200);
      expect(byHeader.body.code).toBe(dossier.code);
      const wrong = await send('GET', `/api/v1/tracking/${dossier.code}`, { headers: { 'x-tracking-token': 'khong-dung' } });
      expect(wrong.status).toBe(404);
      const byQuery = await send('GET', `/api/v1/tracking/${dossier.code}?token=${dossier.token}`);
      expect(byQuery.status).toBe(200);

      const recorded = JSON.stringify(spans.getFinishedSpans().map((span) => ({ name: span.name, attributes: span.attributes })));
      expect(recorded).toContain(`/api/v1/tracking/${dossier.code}`);
      expect(recorded).not.toContain(dossier.token);
      expect(logLines.join('')).not.toContain(dossier.token);
    });
  });
});
