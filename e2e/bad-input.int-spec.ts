import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { catalogService } from '@mc/catalog';
import { eventStreamName, type ServiceName } from '@mc/contracts';
import { documentsService } from '@mc/documents';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { freePort, waitFor } from '@mc/local-infra';
import { notificationsService } from '@mc/notifications';
import { postalService } from '@mc/postal';
import { reportingService } from '@mc/reporting';
import { signaturesService } from '@mc/signatures';
import { dossierCaughtUp, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

/**
 * Hostile and careless input through the gateway, on every route its OpenAPI
 * document lists (a new route is covered without touching this file), as a
 * clerk, as a province admin and without a token: NUL, lone surrogates,
 * control and bidirectional characters and invisible names in path segments,
 * query values and body fields (values and keys), wrong content types and
 * out-of-range dates. None may answer 5xx, and none may leave a row or an
 * event behind.
 */

type Operation = { method: string; path: string; query: string[] };
type Answer = { status: number; body: string };

const BAD_TEXT = {
  NUL: '\u0000',
  'lone surrogate': '\ud800',
  'escape control': '\u001b',
  'C1 control': '\u0085',
  'right-to-left override': '\u202e',
};

// Dates no calendar has, or that JavaScript turns into NaN or Infinity.
const BAD_DATES = ['9999-99-99', '0000-00-00', '2026-02-30', '275760-09-14', '-000001-01-01', '2026-02-13T10:00:00+99:99', '99999999999999999999'];

const S3rver = require('@20minutes/s3rver');

const SERVICES_WITH_DATA: ServiceName[] = ['identity', 'catalog', 'dossier', 'reporting', 'documents', 'postal', 'notifications', 'signatures'];

// Valid values for path parameters, so the bad part of a request is the only bad part.
const PATH_VALUES: Record<string, string> = { year: '2026', version: '1', unitCode: '05983' };

/** Every body field the routes read, set to `value`: strings, names, nested and listed ones. */
const bodyWith = (value: string) => ({
  procedureCode: `1.999003${value}`,
  channel: 'counter',
  applicant: { kind: 'individual', fullName: `Lộc Văn${value}`, idNumber: '020088004321', address: `Số 1${value}` },
  components: [{ name: `Tờ khai${value}` }],
  action: 'hand_over',
  reason: `Lý do${value}`,
  missing: [`Giấy tờ${value}`],
  username: `nguoidung${value}`,
  fullName: value,
  name: value,
  unitCode: `05983${value}`,
  code: `X${value}`,
  password: `MatKhau@2026${value}`,
  roles: [{ role: 'clerk', unitCode: `05983${value}` }],
  note: `ghi chú${value}`,
  token: `t${value}`,
  rating: 5,
  comment: `Góp ý${value}`,
  holidays: [{ date: '2026-02-16', name: `Tết${value}` }],
  agency: { kind: 'people_committee', name: value },
  q: value,
});

/** Every date field the routes read, set to `value`. */
const datesWith = (value: string) => ({
  receivedAt: value,
  duration: { value: 1, unit: 'working_days' },
  pauses: [{ start: value, end: value }],
  from: value,
  to: value,
  newDueAt: value,
  effectiveFrom: value,
  validFrom: value,
  validTo: value,
  holidays: [{ date: value, name: 'Tết' }],
  year: value,
});

describe('bad input through the gateway: never a 5xx, nothing written', () => {
  let platform: InProcessPlatform;
  let s3: { close(): Promise<void> };
  let s3Dir: string;
  let operations: Operation[];
  let dossierCode: string;
  const tokens: Record<string, string> = {};
  const callers = ['tiepnhan.lvt', 'admin.tinh', null] as const;

  const send = async (method: string, route: string, who: string | null, body?: { type: string; payload: string }): Promise<Answer> => {
    const response = await fetch(`${platform.gateway.url}${route}`, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body ? { 'content-type': body.type } : {}) },
      body: body?.payload,
    });
    return { status: response.status, body: await response.text() };
  };
  const json = (value: unknown) => ({ type: 'application/json', payload: JSON.stringify(value) });

  /** A path with its parameters filled in, each followed by `suffix` (already encoded). */
  const fill = (path: string, suffix = '') =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => `${encodeURIComponent(PATH_VALUES[name] ?? dossierCode)}${suffix}`);

  /** Every row of every table of the services' schemas, and every event in their streams. */
  const footprint = async () => {
    const dataSource = platform.services[0]!.app.get(DataSource);
    const tables: { schema: string; name: string }[] = await dataSource.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [SERVICES_WITH_DATA],
    );
    const counts: Record<string, number> = {};
    for (const { schema, name } of tables) {
      counts[`${schema}.${name}`] = Number((await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}"."${name}"`))[0].n);
    }
    const { bus } = platform.services[0]!;
    for (const service of SERVICES_WITH_DATA) {
      const stream = await bus.jsm.streams.info(bus.streamName(eventStreamName(service))).catch(() => null);
      counts[`events of ${service}`] = stream?.state.messages ?? 0;
    }
    return counts;
  };
  const settledFootprint = async () => {
    let last = await footprint();
    return waitFor('the platform at rest', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = await footprint();
      const settled = JSON.stringify(now) === JSON.stringify(last) && now['dossier.outbox'] === 0 && now['identity.outbox'] === 0;
      last = now;
      return settled ? now : undefined;
    });
  };

  /** Runs the requests a few at a time and returns those answered with a 5xx. */
  const serverErrors = async (requests: { label: string; run: () => Promise<Answer> }[]) => {
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const { label, run } = requests[next++]!;
        const answer = await run();
        if (answer.status >= 500) failures.push(`${label} → ${answer.status} ${answer.body.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    return failures;
  };

  const writes = () => operations.filter((operation) => ['POST', 'PUT', 'PATCH'].includes(operation.method));
  // The operator's pipeline probe writes a row for any body, reading only an optional free-text note (whose bad
  // characters the text cases cover): a body of other fields or another type is, for it, a valid empty probe.
  const readsFields = (operation: Operation) => operation.path !== '/api/v1/diagnostics/pipeline-probes';

  beforeAll(async () => {
    s3Dir = mkdtempSync(path.join(tmpdir(), 'mc-s3-'));
    const s3Port = await freePort();
    s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: s3Dir, silent: true });
    await (s3 as unknown as { run(): Promise<unknown> }).run();
    platform = await startInProcess([identityService, catalogService, dossierService, reportingService, documentsService, postalService, notificationsService, signaturesService], {
      DOSSIER_DEADLINE_CHECK_MS: '0',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      SIGNATURES_CA_DIR: path.join(s3Dir, 'test-ca'),
      POSTAL_OPERATOR_URL: 'http://127.0.0.1:9',
    });
    for (const username of ['tiepnhan.lvt', 'admin.tinh']) tokens[username] = await passwordToken(platform.issuer, username);
    const call = async (method: string, route: string, who: string, body?: unknown) =>
      send(method, `/api/v1${route}`, who, body === undefined ? undefined : json(body));
    await publishThreeDayProcedure(call, {
      code: '1.999003',
      name: 'Đăng ký khai sinh (thử dữ liệu xấu)',
      components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy khai sinh' },
    });
    await waitFor('the ward known to the catalog', async () => (await send('GET', '/api/v1/calendar/2026?unit=05983', null)).status === 200);
    await dossierCaughtUp(platform);
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999003',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Lộc Văn Hùng', idNumber: '020088004321' },
      components: [{ name: 'Tờ khai' }],
    });
    expect(received.status).toBe(201);
    dossierCode = (JSON.parse(received.body) as { receipt: { code: string } }).receipt.code;

    const document = JSON.parse((await send('GET', '/api/docs-json', null)).body) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
      })),
    );
    // The health check reads no input (its 503 says a service is down), and
    // rotating the signing key is a write that reads nothing from the request: neither has input to refuse.
    operations = operations.filter((operation) => !['/api/v1/health', '/api/v1/auth/signing-keys/rotate'].includes(operation.path));
  });

  afterAll(async () => {
    await platform?.stop();
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it('finds the routes in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'POST', path: '/api/v1/dossiers' }),
        expect.objectContaining({ method: 'POST', path: '/api/v1/dossiers/{code}/actions' }),
        expect.objectContaining({ method: 'POST', path: '/api/v1/accounts' }),
        expect.objectContaining({ method: 'GET', path: '/api/v1/reports/timeliness', query: expect.arrayContaining(['unitCode']) }),
      ]),
    );
  });

  it.each(Object.entries(BAD_TEXT))('%s in path segments, query values, body values and keys', async (_, bad) => {
    const before = await settledFootprint();
    // A lone surrogate has no UTF-8 form; its would-be bytes are what a careless client sends.
    const encoded = bad === '\ud800' ? '%ED%A0%80' : encodeURIComponent(bad);
    const requests = operations.flatMap(({ method, path, query }) => {
      const queryString = [...query, 'unit', 'q'].map((name) => `${name}=abc${encoded}`).join('&');
      const body = ['POST', 'PUT', 'PATCH'].includes(method);
      // A write with a valid path and an empty body may be a real write: the bad part must be input the route reads.
      const pathVariant = path.includes('{') || !body;
      const queryVariant = query.length > 0 || !body;
      return callers.flatMap((who) => [
        ...(pathVariant ? [{ label: `${method} ${path} path as ${who}`, run: () => send(method, fill(path, encoded), who, body ? json({}) : undefined) }] : []),
        ...(queryVariant ? [{ label: `${method} ${path} query as ${who}`, run: () => send(method, `${fill(path)}?${queryString}`, who, body ? json({}) : undefined) }] : []),
        ...(body
          ? [
              { label: `${method} ${path} body as ${who}`, run: () => send(method, fill(path), who, json(bodyWith(bad))) },
              { label: `${method} ${path} body key as ${who}`, run: () => send(method, fill(path), who, json({ [`reason${bad}`]: 'x', action: 'hand_over' })) },
            ]
          : []),
      ]);
    });
    expect(await serverErrors(requests)).toEqual([]);
    expect(await settledFootprint()).toEqual(before);
  });

  it('refuses NUL in the applicant name and a NUL dossier code with 400 VALIDATION_FAILED', async () => {
    const name = await send('POST', '/api/v1/dossiers', 'tiepnhan.lvt', json({ ...bodyWith(''), applicant: { kind: 'individual', fullName: 'Lộc\u0000Hùng', idNumber: '020088004321' } }));
    expect(name.status).toBe(400);
    expect(JSON.parse(name.body)).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('applicant.fullName') } });
    const code = await send('POST', '/api/v1/dossiers/abc%00/actions', 'tiepnhan.lvt', json({ action: 'hand_over' }));
    expect(code.status).toBe(400);
    expect(JSON.parse(code.body)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('refuses names made only of invisible characters on every route that takes a name, writing nothing', async () => {
    const before = await settledFootprint();
    const applicant = { kind: 'individual', idNumber: '020088004321' };
    const dossier = { procedureCode: '1.999003', channel: 'counter', components: [{ name: 'Tờ khai' }] };
    for (const invisible of ['\u200b', '\u200d\ufeff', ' \u3164 ', '\u00ad']) {
      const attempts: [string, string, string, unknown, string][] = [
        ['POST', '/api/v1/dossiers', 'tiepnhan.lvt', { ...dossier, applicant: { ...applicant, fullName: invisible } }, 'applicant.fullName'],
        ['POST', '/api/v1/dossiers', 'tiepnhan.lvt', { ...dossier, applicant: { kind: 'organisation', taxCode: '0101234567', name: invisible } }, 'applicant.name'],
        ['POST', '/api/v1/accounts', 'admin.tinh', { username: 'vanthu.moi', fullName: invisible, unitCode: '05983', password: 'MatKhau@2026!' }, 'fullName'],
        ['POST', '/api/v1/units', 'admin.tinh', { code: '05983.VP', name: invisible, kind: 'department', parentCode: '05983' }, 'name'],
      ];
      for (const [method, route, who, body, field] of attempts) {
        const answer = await send(method, route, who, json(body));
        expect({ route, field, status: answer.status }).toEqual({ route, field, status: 400 });
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(`"${field}"`) } });
      }
    }
    expect(await settledFootprint()).toEqual(before);
  });

  it('wrong content types and malformed bodies on every write route', async () => {
    const before = await settledFootprint();
    const bodies = [
      { type: 'text/plain', payload: 'Lộc Văn Hùng\u0000' },
      { type: 'application/xml', payload: '<dossier><name>x</name></dossier>' },
      { type: 'application/x-www-form-urlencoded', payload: 'fullName=L%00c&action=hand_over' },
      { type: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--' },
      { type: 'application/json', payload: '{"action": "hand_over", ' },
      { type: 'application/json', payload: '"\\u0000"' },
      { type: 'application/json', payload: '[1, 2, 3]' },
      { type: 'application/json; charset=latin1', payload: '{"reason": "\u00ff"}' },
    ];
    const requests = writes()
      .filter(readsFields)
      .flatMap(({ method, path }) =>
        callers.flatMap((who) =>
          bodies.map((body) => ({ label: `${method} ${path} ${body.type} ${body.payload.slice(0, 20)} as ${who}`, run: () => send(method, fill(path), who, body) })),
        ),
      );
    expect(await serverErrors(requests)).toEqual([]);
    expect(await settledFootprint()).toEqual(before);
  });

  it('out-of-range dates in query values, path segments and body fields', async () => {
    const before = await settledFootprint();
    const requests = operations.filter(readsFields).flatMap(({ method, path, query }) =>
      BAD_DATES.flatMap((date) =>
        callers.map((who) => {
          const queryString = [...query, 'from', 'to', 'at', 'date'].map((name) => `${name}=${encodeURIComponent(date)}`).join('&');
          const route = `${fill(path).replace('/2026', `/${encodeURIComponent(date)}`)}?${queryString}`;
          const body = ['POST', 'PUT', 'PATCH'].includes(method) ? json(datesWith(date)) : undefined;
          return { label: `${method} ${path} ${date} as ${who}`, run: () => send(method, route, who, body) };
        }),
      ),
    );
    expect(await serverErrors(requests)).toEqual([]);
    expect(await settledFootprint()).toEqual(before);
  });

  // The gateway's limits on nesting and size are another change; these say whether it holds on this branch.
  describe('deep nesting and oversize bodies', () => {
    it('deeply nested JSON on every write route', async () => {
      const before = await settledFootprint();
      const deep = { type: 'application/json', payload: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` };
      const requests = writes().flatMap(({ method, path }) =>
        callers.map((who) => ({ label: `${method} ${path} nested as ${who}`, run: () => send(method, fill(path), who, deep) })),
      );
      expect(await serverErrors(requests)).toEqual([]);
      expect(await settledFootprint()).toEqual(before);
    });

    it('an oversize body on every write route', async () => {
      const before = await settledFootprint();
      const big = json({ ...bodyWith(''), reason: 'x'.repeat(5 * 1024 * 1024) });
      const requests = writes().flatMap(({ method, path }) =>
        callers.map((who) => ({ label: `${method} ${path} 5 MB as ${who}`, run: () => send(method, fill(path), who, big) })),
      );
      expect(await serverErrors(requests)).toEqual([]);
      expect(await settledFootprint()).toEqual(before);
    });
  });
});
