import { createDossierModule, dossierService, PROCEDURE_CATALOG } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { dossierCaughtUp, passwordToken, startInProcess, stubProcedureVersion, type InProcessPlatform } from './support';

/*
 * The catalog service has no entry point the e2e project can import yet, so the
 * dossier service is given the published version the catalog would answer.
 * Deadlines use the default-profile calendar (Monday–Friday, no holidays).
 */
const VERSION = stubProcedureVersion();

describe('dossiers through the gateway with real tokens', () => {
  let platform: InProcessPlatform;
  const tokens: Record<string, string> = {};

  const call = async (method: string, path: string, who: string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${platform.gateway.url}${path}`, {
      method,
      headers: {
        ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever the API answered
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    const dossier = {
      ...dossierService,
      module: createDossierModule({ catalog: { provide: PROCEDURE_CATALOG, useValue: { versionInForce: async () => VERSION } } }),
    };
    platform = await startInProcess([identityService, dossier], { DOSSIER_CALENDAR_SOURCE: 'default-profile' });
    for (const username of ['tiepnhan.lvt', 'chuyenvien.lvt', 'lanhdao.lvt', 'tiepnhan.dk', 'chuyenvien.dk']) {
      tokens[username] = await passwordToken(platform.issuer, username);
    }
    // A submission checks its units (the liên thông agency among them) against the dossier's read models, which
    // learn identity's units from its events: under load they lag the start and the submission is refused with 503.
    await dossierCaughtUp(platform, 60_000);
  });
  afterAll(() => platform?.stop());

  it('receives at the counter, hands over to the end, and lets the citizen track it by code and token', async () => {
    const submission = {
      procedureCode: '1.001022',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Lộc Văn Hùng', idNumber: '020088004321' },
      components: [{ name: 'Tờ khai đăng ký khai tử' }],
    };
    const received = await call('POST', '/api/v1/dossiers', 'tiepnhan.lvt', submission, { 'idempotency-key': 'quay-1-0001' });
    expect(received.status).toBe(201);
    expect(received.body.outcome).toBe('accepted');
    const { code, tracking } = received.body.receipt;
    expect(code).toMatch(/^05983-\d{6}-0001$/);
    expect(received.body.receipt.dueAtDisplay).toMatch(/^17:00 \d{2}\/\d{2}\/\d{4}$/);

    const retried = await call('POST', '/api/v1/dossiers', 'tiepnhan.lvt', submission, { 'idempotency-key': 'quay-1-0001' });
    expect(retried.body.receipt.code).toBe(code);
    const other = await call('POST', '/api/v1/dossiers', 'tiepnhan.lvt', { ...submission, sets: 2 }, { 'idempotency-key': 'quay-1-0001' });
    expect(other.status).toBe(409);

    // A clerk of Đông Kinh cannot see a Lương Văn Tri dossier at all.
    expect((await call('GET', `/api/v1/dossiers/${code}`, 'tiepnhan.dk')).status).toBe(404);
    expect((await call('GET', `/api/v1/dossiers/${code}`, 'chuyenvien.lvt')).status).toBe(200);

    // The specialist cannot act at reception; the leader cannot approve before appraisal.
    expect((await call('POST', `/api/v1/dossiers/${code}/actions`, 'chuyenvien.lvt', { action: 'hand_over' })).status).toBe(403);
    const illegal = await call('POST', `/api/v1/dossiers/${code}/actions`, 'lanhdao.lvt', { action: 'approve' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { state: 'in_progress', step: 'tiep-nhan' } });

    for (const [who, action] of [
      ['tiepnhan.lvt', 'hand_over'],
      ['chuyenvien.lvt', 'hand_over'],
      ['lanhdao.lvt', 'approve'],
      ['tiepnhan.lvt', 'issue_result'],
      ['tiepnhan.lvt', 'return_result'],
    ] as const) {
      const done = await call('POST', `/api/v1/dossiers/${code}/actions`, who, { action });
      expect([action, done.status]).toEqual([action, 200]);
    }
    const dossier = await call('GET', `/api/v1/dossiers/${code}`, 'lanhdao.lvt');
    expect(dossier.body).toMatchObject({ state: 'returned', onTime: true, channelCode: 1 });

    const slip = await call('GET', `/api/v1/dossiers/${code}/control-slip`, 'tiepnhan.lvt');
    // Handed over within seconds: never late, early or on time depending on the day the test runs.
    const lines = slip.body.lines as { toStep: string; verdict: string }[];
    expect(lines.map((line) => line.toStep)).toEqual(['tham-dinh', 'phe-duyet', 'tra-ket-qua']);
    for (const line of lines) expect(['early', 'on_time']).toContain(line.verdict);
    expect((await call('GET', `/api/v1/dossiers/${code}/history/verification`, 'tiepnhan.lvt')).body).toMatchObject({
      valid: true,
      entries: 6,
    });

    const tracked = await call('GET', `/api/v1/tracking/${code}?token=${tracking.token}`, null);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ code, state: 'returned' });
    expect(tracked.body.dueDateDisplay).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(JSON.stringify(tracked.body)).not.toContain('020088004321');
    expect((await call('GET', `/api/v1/tracking/${code}?token=khong-dung`, null)).status).toBe(404);

    // Whoever holds the receipt rates the returned dossier, once.
    const scores = { reception: 'very_satisfied', duration: 'satisfied', attitude: 'satisfied', result: 'satisfied', costs: 'dissatisfied' };
    const partial = await call('POST', `/api/v1/tracking/${code}/rating`, null, { token: tracking.token, scores: { reception: 'satisfied' } });
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toContain('Thời gian giải quyết');
    const wrongToken = await call('POST', `/api/v1/tracking/${code}/rating`, null, { token: 'khong-dung', scores });
    expect(wrongToken.status).toBe(404);
    const rated = await call('POST', `/api/v1/tracking/${code}/rating`, null, { token: tracking.token, scores });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ code, dissatisfied: true });
    expect(rated.body.ratedAtDisplay).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect((await call('POST', `/api/v1/tracking/${code}/rating`, null, { token: tracking.token, scores })).status).toBe(409);
  });
  it('waits for a liên thông agency through the gateway, and takes an apology with a new appointment from the leader', async () => {
    const submission = {
      procedureCode: '1.001022',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Lộc Thị Mai', idNumber: '020088004322' },
      components: [{ name: 'Tờ khai đăng ký khai tử' }],
      // Đông Kinh verifies the residence record: one agency, the whole appraisal time.
      interAgency: { agencies: [{ unitCode: '05977' }] },
    };
    const received = await call('POST', '/api/v1/dossiers', 'tiepnhan.lvt', submission);
    expect(received.status).toBe(201);
    const { code } = received.body.receipt;
    expect(received.body.dossier.subHandlings).toMatchObject([{ unitCode: '05977', step: 'tham-dinh', state: 'pending', sharePercent: 100 }]);
    // Not handed to Đông Kinh yet: its staff cannot see it.
    expect((await call('GET', `/api/v1/dossiers/${code}`, 'chuyenvien.dk')).status).toBe(404);

    expect((await call('POST', `/api/v1/dossiers/${code}/actions`, 'tiepnhan.lvt', { action: 'hand_over' })).status).toBe(200);
    expect((await call('GET', `/api/v1/dossiers/${code}`, 'chuyenvien.dk')).body.subHandlings[0]).toMatchObject({ state: 'assigned' });
    const waiting = await call('POST', `/api/v1/dossiers/${code}/actions`, 'chuyenvien.lvt', { action: 'hand_over' });
    expect(waiting.status).toBe(409);
    expect(waiting.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { waitingFor: ['05977'] } });
    // Only Đông Kinh's staff finish Đông Kinh's part.
    expect((await call('POST', `/api/v1/dossiers/${code}/sub-handlings/05977/actions`, 'chuyenvien.lvt', { action: 'complete' })).status).toBe(403);
    const done = await call('POST', `/api/v1/dossiers/${code}/sub-handlings/05977/actions`, 'chuyenvien.dk', { action: 'complete' });
    expect(done.status).toBe(200);
    expect(done.body.subHandlings[0]).toMatchObject({ state: 'done' });
    expect((await call('POST', `/api/v1/dossiers/${code}/actions`, 'chuyenvien.lvt', { action: 'hand_over' })).status).toBe(200);

    const dueAt = new Date(received.body.dossier.dueAt);
    const newDueAt = new Date(dueAt.getTime() + 2 * 86_400_000).toISOString();
    const apology = await call('POST', `/api/v1/dossiers/${code}/actions`, 'lanhdao.lvt', {
      action: 'apologise',
      reason: 'Cần xác minh thêm tại nơi cư trú.',
      newDueAt,
    });
    expect(apology.status).toBe(200);
    expect(apology.body).toMatchObject({ dueAt: newDueAt, lateForReporting: true });
    expect(apology.body.apologies).toMatchObject([{ form: 'mau-04', originalDueAt: dueAt.toISOString(), signedBy: 'lanhdao.lvt' }]);
  });
});
