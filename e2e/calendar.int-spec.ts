import { Client } from 'pg';
import { waitFor } from '@mc/local-infra';
import type { RunningGateway } from '@mc/gateway';
import { catalogService } from '@mc/catalog';
import { identityService } from '@mc/identity';
import { passwordToken, startInProcess, type InProcessPlatform } from './support';

const PASSWORD = 'MatKhau@2026!';
const STANDARD = [
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];
const WEEKDAYS = { mon: STANDARD, tue: STANDARD, wed: STANDARD, thu: STANDARD, fri: STANDARD };
const TET_DUE_DATE = { unitCode: '05983', receivedAt: '2026-02-13T10:00:00+07:00', duration: { value: 3, unit: 'working_days' } };

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('the working-day calendar through the gateway, with tokens from the identity service', () => {
  let platform: InProcessPlatform;
  let gateway: RunningGateway;
  let issuer: string;
  let sql: Client;
  let adminToken: string;
  let clerkToken: string;
  let unitAdminToken: string;

  const api = async (token: string | null, method: string, path: string, body?: unknown): Promise<Reply> => {
    const response = await fetch(`${gateway.url}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  /** Everything a calendar write leaves behind, the events it published included. */
  const counts = async () => {
    await waitFor('catalog outbox relayed', async () => (await sql.query('SELECT 1 FROM catalog.outbox LIMIT 1')).rowCount === 0);
    const { rows } = await sql.query(`
      SELECT (SELECT count(*) FROM catalog.calendar_years)::int AS years, (SELECT count(*) FROM catalog.calendar_days)::int AS days,
             (SELECT count(*) FROM catalog.calendar_unit_overrides)::int AS overrides,
             (SELECT count(*) FROM catalog.calendar_changes)::int AS changes`);
    return rows[0];
  };
  const unitKnown = (code: string) =>
    waitFor(`unit ${code} known to the catalog`, async () => (await sql.query('SELECT 1 FROM catalog.calendar_units WHERE code = $1', [code])).rowCount === 1);

  beforeAll(async () => {
    platform = await startInProcess([identityService, catalogService]);
    ({ gateway, issuer } = platform);
    sql = new Client({ connectionString: platform.database.url });
    await sql.connect();
    adminToken = await passwordToken(issuer, 'admin.tinh');
    clerkToken = await passwordToken(issuer, 'tiepnhan.lvt');
    // The demo unit tree reaches the catalog through the identity service's events.
    await unitKnown('05983.TTPVHCC');
    await unitKnown('05977');
  });

  afterAll(async () => {
    await sql?.end();
    await platform?.stop();
  });

  it('admin.tinh adopts the proposal for 2026 with Tết 14–22/02; the clerk may not, but reads it and gets the due date across Tết', async () => {
    const proposal = await api(adminToken, 'GET', '/calendar/2026/proposal');
    expect(proposal.status).toBe(200);
    expect(proposal.body.holidays).toContainEqual({ date: '2026-02-17', display: '17/02/2026', weekday: 'thứ Ba', name: 'Tết Nguyên đán (mùng 1)' });

    const before = await api(clerkToken, 'POST', '/calendar/due-date', TET_DUE_DATE);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ dueAtDisplay: '17:00 18/02/2026', unannouncedYears: [2026] });

    const tetWeekends = ['2026-02-14', '2026-02-15', '2026-02-21', '2026-02-22'].map((date) => ({ date, name: 'Nghỉ Tết Nguyên đán' }));
    const days = {
      holidays: [...proposal.body.holidays.map(({ date, name }: { date: string; name: string }) => ({ date, name })), ...tetWeekends],
      swappedWorkingDays: [],
    };
    const unchanged = await counts();
    const refused = await api(clerkToken, 'PUT', '/calendar/2026/days', days);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('quản trị viên cấp tỉnh') });
    expect(await counts()).toEqual(unchanged);

    const saved = await api(adminToken, 'PUT', '/calendar/2026/days', { ...days, expectedRevision: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ year: 2026, daysAnnounced: true, revision: 1, updatedBy: 'admin.tinh' });

    const due = await api(clerkToken, 'POST', '/calendar/due-date', TET_DUE_DATE);
    expect(due.status).toBe(200);
    expect(due.body).toMatchObject({
      dueAt: '2026-02-25T17:00:00+07:00',
      dueAtDisplay: '17:00 25/02/2026',
      deemedReceivedOnDisplay: '13/02/2026',
      unannouncedYears: [],
      warning: null,
    });
    const calendar = await api(clerkToken, 'GET', '/calendar/2026?unit=05983');
    expect(calendar.status).toBe(200);
    expect(calendar.body).toMatchObject({ unitCode: '05983', unitName: 'Phường Lương Văn Tri', cutOff: '15:00', weeklyHours: WEEKDAYS });
    expect(calendar.body.nonWorkingDays).toContainEqual({
      date: '2026-02-18',
      display: '18/02/2026',
      weekday: 'thứ Tư',
      kind: 'holiday',
      name: 'Tết Nguyên đán (mùng 2)',
      officeHours: [],
    });
    const time = await api(clerkToken, 'POST', '/calendar/working-time', { unitCode: '05983', from: '2026-02-13T10:00:00+07:00', to: '2026-02-23T09:00:00+07:00' });
    expect(time.status).toBe(200);
    expect(time.body).toMatchObject({ workingMilliseconds: 6.5 * 3_600_000, workingHoursDisplay: '6 giờ 30 phút' });
  });

  it('a unit admin created through the identity API opens its centre on Saturday mornings, and nowhere else', async () => {
    const created = await api(adminToken, 'POST', '/accounts', {
      username: 'quantri.lvt',
      fullName: 'Quản trị Phường Lương Văn Tri',
      unitCode: '05983',
      password: PASSWORD,
      roles: [{ role: 'unit_admin', unitCode: '05983' }],
    });
    expect(created.status).toBe(201);
    unitAdminToken = await passwordToken(issuer, 'quantri.lvt', PASSWORD);

    const saturdays = { ...WEEKDAYS, sat: [{ start: '07:30', end: '11:30' }] };
    const override = await api(unitAdminToken, 'PUT', '/calendar/units/05983.TTPVHCC', { weeklyHours: saturdays });
    expect(override.status).toBe(200);
    expect(override.body).toMatchObject({ unitCode: '05983.TTPVHCC', weeklyHours: saturdays, revision: 1, updatedBy: 'quantri.lvt' });

    const unchanged = await counts();
    for (const [path, body] of [
      ['/calendar/units/05977', { weeklyHours: saturdays }],
      ['/calendar/2026/days', { holidays: [] }],
      ['/calendar/2026/hours', { weeklyHours: saturdays, standardHours: STANDARD, cutOff: '15:00' }],
    ] as const) {
      const refused = await api(unitAdminToken, 'PUT', path, body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    expect((await api(clerkToken, 'PUT', '/calendar/units/05983', { cutOff: '16:00' })).status).toBe(403);
    expect(await counts()).toEqual(unchanged);

    // Friday after the cut-off: the centre counts from its Saturday, the ward from Monday.
    const friday = { receivedAt: '2026-03-06T16:00:00+07:00', duration: { value: 1, unit: 'working_days' } };
    const atCentre = await api(clerkToken, 'POST', '/calendar/due-date', { ...friday, unitCode: '05983.TTPVHCC' });
    const atWard = await api(clerkToken, 'POST', '/calendar/due-date', { ...friday, unitCode: '05983' });
    expect(atCentre.body).toMatchObject({ deemedReceivedOnDisplay: '07/03/2026', dueAtDisplay: '17:00 09/03/2026' });
    expect(atWard.body).toMatchObject({ deemedReceivedOnDisplay: '09/03/2026', dueAtDisplay: '17:00 10/03/2026' });

    // A unit the admin adds is known to the calendar once the identity service's event has arrived.
    const unit = await api(unitAdminToken, 'POST', '/units', { code: '05983.BPMC', name: 'Bộ phận Một cửa phường', kind: 'department', parentCode: '05983' });
    expect(unit.status).toBe(201);
    const opened = await waitFor('the new unit known to the calendar', async () => {
      const reply = await api(unitAdminToken, 'PUT', '/calendar/units/05983.BPMC', { cutOff: '16:00' });
      return reply.status === 404 ? undefined : reply;
    });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ unitCode: '05983.BPMC', cutOff: '16:00' });
  });

  describe('bad input: a 4xx with a stable code and a Vietnamese message, nothing written', () => {
    const received = '2026-02-13T10:00:00+07:00';
    it.each([
      ['a duration of −1 day', 'POST', '/calendar/due-date', { receivedAt: received, duration: { value: -1, unit: 'working_days' } }, 400, 'VALIDATION_FAILED', 'không được âm'],
      ['a duration of 10,000 days', 'POST', '/calendar/due-date', { receivedAt: received, duration: { value: 10_000, unit: 'days' } }, 400, 'VALIDATION_FAILED', 'vượt quá mức tối đa'],
      ['an instant without offset', 'POST', '/calendar/due-date', { receivedAt: '2026-02-13T10:00:00', duration: { value: 3, unit: 'working_days' } }, 400, 'VALIDATION_FAILED', 'có múi giờ'],
      ['a holiday outside the year', 'PUT', '/calendar/2026/days', { holidays: [{ date: '2025-12-31', name: 'Giao thừa' }] }, 400, 'VALIDATION_FAILED', 'không thuộc năm 2026'],
      [
        'overlapping office hours',
        'PUT',
        '/calendar/2026/hours',
        { weeklyHours: WEEKDAYS, standardHours: [{ start: '07:30', end: '12:00' }, { start: '11:30', end: '17:00' }], cutOff: '15:00' },
        400,
        'VALIDATION_FAILED',
        'chồng lên nhau',
      ],
      ['an unknown unit code', 'POST', '/calendar/due-date', { ...TET_DUE_DATE, unitCode: '99999' }, 404, 'NOT_FOUND', 'Không tìm thấy đơn vị'],
      ['an unknown unit to override', 'PUT', '/calendar/units/99999', { cutOff: '16:00' }, 404, 'NOT_FOUND', 'Không tìm thấy đơn vị'],
      ['a year that is not a number', 'GET', '/calendar/nam-nay', undefined, 400, 'VALIDATION_FAILED', 'Năm phải là'],
    ] as const)('%s', async (_name, method, path, body, status, code, hint) => {
      const before = await counts();
      const reply = await api(adminToken, method, path, body);
      expect(reply.status).toBe(status);
      expect(reply.body.error).toMatchObject({ code, message: expect.stringContaining(hint) });
      expect(await counts()).toEqual(before);
    });

    it('no token: 401', async () => {
      const reply = await api(null, 'POST', '/calendar/due-date', TET_DUE_DATE);
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('UNAUTHENTICATED');
    });
  });
});
