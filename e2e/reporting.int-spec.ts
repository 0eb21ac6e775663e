import { catalogService } from '@mc/catalog';
import { ReportingSubjects, type TimelinessCounts, type TimelinessReport, zeroTimelinessCounts } from '@mc/contracts';
import { CLOCK, createDossierModule, dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { waitFor } from '@mc/local-infra';
import { NatsClientProxy } from '@mc/messaging';
import { reportingService } from '@mc/reporting';
import ExcelJS from 'exceljs';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

/**
 * Dossiers of every kind the timeliness report distinguishes, handled through
 * the gateway by the real dossier service at instants the test sets, and the
 * report the reporting service builds from their events compared, cell by
 * cell, with figures computed here from what the test did.
 */
type Kind = 'early' | 'on_time' | 'late' | 'refused' | 'withdrawn' | 'stopped' | 'open';
interface Done {
  code: string;
  unit: string;
  kind: Kind;
  receivedAt: Date;
  dueAt: Date;
  finishedAt: Date | null;
}

const FROM = '2026-03-01';
const TO = '2026-04-30';
const COLUMN: Record<Exclude<Kind, 'open'>, keyof TimelinessCounts> = {
  early: 'finishedEarly',
  on_time: 'finishedOnTime',
  late: 'finishedLate',
  refused: 'refused',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
};

const vnDay = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const open = (dossier: Done, at: Date) => dossier.receivedAt <= at && (dossier.finishedAt === null || dossier.finishedAt > at);

/** The report's columns for these dossiers over [from, to], from the test's own record of what happened. */
function expected(dossiers: Done[], from: string, to: string): TimelinessCounts {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const counts = zeroTimelinessCounts();
  for (const dossier of dossiers) {
    if (vnDay(dossier.receivedAt) >= from && vnDay(dossier.receivedAt) <= to) counts.received += 1;
    if (dossier.finishedAt && dossier.kind !== 'open' && vnDay(dossier.finishedAt) >= from && vnDay(dossier.finishedAt) <= to) counts[COLUMN[dossier.kind]] += 1;
    if (open(dossier, start)) counts.carriedOver += 1;
    if (open(dossier, end)) counts[dossier.dueAt < end ? 'inProgressOverdue' : 'inProgressOnTime'] += 1;
  }
  return counts;
}

describe('reporting: the timeliness report from dossiers handled by the real dossier service', () => {
  let platform: InProcessPlatform;
  let now = new Date('2026-02-25T09:00:00+07:00');
  const tokens: Record<string, string> = {};
  const done: Done[] = [];
  const at = (instant: string) => {
    now = new Date(`${instant}+07:00`);
  };

  const call = gatewayCaller(() => platform, tokens);
  const act = async (code: string, who: string, action: string, instant: string, extra: Record<string, unknown> = {}) => {
    at(instant);
    const reply = await call('POST', `/dossiers/${code}/actions`, who, { action, ...extra });
    if (reply.status !== 200) throw new Error(`${action} on ${code} at ${instant}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  const receive = async (clerk: string, instant: string) => {
    at(instant);
    const reply = await call('POST', '/dossiers', clerk, {
      procedureCode: '1.999002',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Hoàng Văn Nam', idNumber: '020095001234', phone: '0912345678' },
      components: [{ name: 'Tờ khai' }],
    });
    if (reply.status !== 201) throw new Error(`receive at ${instant}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return { code: reply.body.receipt.code as string, dueAt: new Date(reply.body.receipt.dueAt), receivedAt: new Date(now) };
  };
  const record = (unit: string, kind: Kind, received: { code: string; receivedAt: Date; dueAt: Date }, last?: Record<string, unknown>) => {
    done.push({ code: received.code, unit, kind, receivedAt: received.receivedAt, dueAt: last ? new Date(last.dueAt as string) : received.dueAt, finishedAt: kind === 'open' ? null : new Date(now) });
  };
  /** The steps up to the leader's decision, each an hour apart from `day` `hour`:00. */
  const toLeader = async (code: string, day: string, hour: number) => {
    const time = (offset: number) => `${day}T${String(hour + offset).padStart(2, '0')}:00:00`;
    await act(code, 'tiepnhan.lvt', 'hand_over', time(0));
    await act(code, 'vanthu.lvt', 'hand_over', time(1));
    await act(code, 'chuyenvien.lvt', 'hand_over', time(2));
  };
  const approveAndReturn = async (code: string, day: string, hour: number) => {
    const time = (offset: number) => `${day}T${String(hour + offset).padStart(2, '0')}:00:00`;
    await act(code, 'lanhdao.lvt', 'approve', time(0));
    await act(code, 'tiepnhan.lvt', 'issue_result', time(1));
    return act(code, 'tiepnhan.lvt', 'return_result', time(2), { returnMethod: 'counter' });
  };
  const report = (params: Record<string, unknown>) =>
    platform.services[3]!.app.get(NatsClientProxy).request<TimelinessReport>(ReportingSubjects.timeliness, { unitCode: '20', from: FROM, to: TO, ...params }, {
      authorization: `Bearer ${tokens['admin.tinh']}`,
    });

  beforeAll(async () => {
    const dossier = { ...dossierService, module: createDossierModule({ clock: { provide: CLOCK, useValue: { now: () => now } } }) };
    platform = await startInProcess([identityService, catalogService, dossier, reportingService], { DOSSIER_DEADLINE_CHECK_MS: '0' });
    for (const username of ['admin.tinh', 'tiepnhan.lvt', 'vanthu.lvt', 'chuyenvien.lvt', 'lanhdao.lvt', 'tiepnhan.dk']) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: '1.999002',
      name: 'Đăng ký khai sinh (thử nghiệm báo cáo)',
      components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy khai sinh' },
    });
    for (const unit of ['05983', '05977']) {
      await waitFor(`unit ${unit} known to the catalog`, async () => (await fetch(`${platform.gateway.url}/api/v1/calendar/2026?unit=${unit}`)).status === 200);
    }
    await dossierCaughtUp(platform);

    // Received in February, returned on its due day in March: carried over, then on time.
    let received = await receive('tiepnhan.lvt', '2026-02-25T09:00:00');
    let dueDay = vnDay(received.dueAt);
    await toLeader(received.code, dueDay, 6);
    record('05983', 'on_time', received, await approveAndReturn(received.code, dueDay, 9));

    // Received in February, past due, apologised for with a new appointment, returned: late.
    received = await receive('tiepnhan.lvt', '2026-02-26T09:00:00');
    const apologyAt = new Date(received.dueAt.getTime() + 16 * 3_600_000);
    const apologyDay = vnDay(apologyAt);
    await toLeader(received.code, vnDay(received.dueAt), 8);
    await act(received.code, 'lanhdao.lvt', 'apologise', `${apologyDay}T09:00:00`, {
      reason: 'Cần xác minh thêm thông tin.',
      newDueAt: new Date(apologyAt.getTime() + 2 * 86_400_000).toISOString(),
    });
    record('05983', 'late', received, await approveAndReturn(received.code, apologyDay, 10));

    // Handled on the day it came in: early.
    received = await receive('tiepnhan.lvt', '2026-03-02T08:00:00');
    await toLeader(received.code, '2026-03-02', 9);
    record('05983', 'early', received, await approveAndReturn(received.code, '2026-03-02', 12));

    // On the due day: on time.
    received = await receive('tiepnhan.lvt', '2026-03-10T09:00:00');
    dueDay = vnDay(received.dueAt);
    await toLeader(received.code, dueDay, 6);
    record('05983', 'on_time', received, await approveAndReturn(received.code, dueDay, 9));

    // One supplement request, the wait left out of the deadline, returned the next day: early.
    received = await receive('tiepnhan.lvt', '2026-03-16T08:00:00');
    await act(received.code, 'tiepnhan.lvt', 'hand_over', '2026-03-16T09:00:00');
    await act(received.code, 'vanthu.lvt', 'hand_over', '2026-03-16T10:00:00');
    await act(received.code, 'chuyenvien.lvt', 'request_supplement', '2026-03-16T11:00:00', { reason: 'Thiếu bản sao giấy chứng sinh.' });
    await act(received.code, 'tiepnhan.lvt', 'receive_supplement', '2026-03-17T09:00:00');
    await act(received.code, 'chuyenvien.lvt', 'hand_over', '2026-03-17T10:00:00');
    record('05983', 'early', received, await approveAndReturn(received.code, '2026-03-17', 11));

    // Two supplement requests: late, however fast it was returned.
    received = await receive('tiepnhan.lvt', '2026-03-23T08:00:00');
    await act(received.code, 'tiepnhan.lvt', 'hand_over', '2026-03-23T09:00:00');
    await act(received.code, 'vanthu.lvt', 'hand_over', '2026-03-23T10:00:00');
    await act(received.code, 'chuyenvien.lvt', 'request_supplement', '2026-03-23T11:00:00', { reason: 'Thiếu bản sao giấy chứng sinh.' });
    await act(received.code, 'tiepnhan.lvt', 'receive_supplement', '2026-03-24T09:00:00');
    await act(received.code, 'chuyenvien.lvt', 'request_supplement', '2026-03-24T10:00:00', { reason: 'Bản sao chưa chứng thực.' });
    await act(received.code, 'tiepnhan.lvt', 'receive_supplement', '2026-03-25T09:00:00');
    await act(received.code, 'chuyenvien.lvt', 'hand_over', '2026-03-25T10:00:00');
    record('05983', 'late', received, await approveAndReturn(received.code, '2026-03-25', 11));

    // Refused by the leader.
    received = await receive('tiepnhan.lvt', '2026-03-30T08:00:00');
    await toLeader(received.code, '2026-03-30', 9);
    record('05983', 'refused', received, await act(received.code, 'lanhdao.lvt', 'refuse', '2026-03-30T13:00:00', { reason: 'Không thuộc thẩm quyền.' }));

    // Stopped by the competent unit's leader.
    received = await receive('tiepnhan.lvt', '2026-04-06T08:00:00');
    await act(received.code, 'tiepnhan.lvt', 'hand_over', '2026-04-06T09:00:00');
    record('05983', 'stopped', received, await act(received.code, 'lanhdao.lvt', 'stop', '2026-04-07T09:00:00', { reason: 'Người yêu cầu đã chết.' }));

    // April: early, and late after an apology.
    received = await receive('tiepnhan.lvt', '2026-04-13T08:00:00');
    await toLeader(received.code, '2026-04-13', 9);
    record('05983', 'early', received, await approveAndReturn(received.code, '2026-04-13', 12));
    received = await receive('tiepnhan.lvt', '2026-04-14T09:00:00');
    const lateAt = new Date(received.dueAt.getTime() + 16 * 3_600_000);
    await toLeader(received.code, vnDay(received.dueAt), 8);
    await act(received.code, 'lanhdao.lvt', 'apologise', `${vnDay(lateAt)}T09:00:00`, {
      reason: 'Chờ kết quả xác minh.',
      newDueAt: new Date(lateAt.getTime() + 2 * 86_400_000).toISOString(),
    });
    record('05983', 'late', received, await approveAndReturn(received.code, vnDay(lateAt), 10));

    // Still open at the end of April: one overdue by then, one not yet due.
    record('05983', 'open', await receive('tiepnhan.lvt', '2026-04-01T09:00:00'));
    record('05983', 'open', await receive('tiepnhan.lvt', '2026-04-29T09:00:00'));

    // Another ward: withdrawn by the applicant at the counter, and one left open.
    received = await receive('tiepnhan.dk', '2026-03-04T09:00:00');
    record('05977', 'withdrawn', received, await act(received.code, 'tiepnhan.dk', 'withdraw', '2026-03-05T09:00:00', { reason: 'Người nộp xin rút hồ sơ.' }));
    record('05977', 'open', await receive('tiepnhan.dk', '2026-03-18T09:00:00'));

    // Everything the dossier service committed reaches the stream, then the projection.
    const dossierData = platform.services[2]!.dataSource;
    await waitFor('the dossier outbox to drain', async () => Number((await dossierData.query('SELECT count(*) AS n FROM outbox'))[0].n) === 0);
    await waitFor(
      'the projection to catch up',
      async () => {
        const freshness = await platform.services[3]!.app.get(NatsClientProxy).request<{ pendingEvents: number }>(ReportingSubjects.freshness, {}, {
          authorization: `Bearer ${tokens['admin.tinh']}`,
        });
        return freshness.pendingEvents === 0;
      },
      30_000,
    );
  });

  afterAll(() => platform?.stop());

  it('has a dossier of every kind', () => {
    expect(new Set(done.map((dossier) => dossier.kind))).toEqual(new Set(['early', 'on_time', 'late', 'refused', 'withdrawn', 'stopped', 'open']));
  });

  it('matches every cell grouped by unit', async () => {
    const byUnit = await report({ groupBy: 'unit' });
    const units = [...new Set(done.map((dossier) => dossier.unit))].sort();
    expect(byUnit.rows.map((row) => row.key)).toEqual(units);
    for (const unit of units) {
      const row = byUnit.rows.find((candidate) => candidate.key === unit)!;
      const { key: _key, label: _label, onTimeRate: _rate, onTimeRateDisplay: _display, ...cells } = row;
      expect({ unit, ...cells }).toEqual({ unit, ...expected(done.filter((dossier) => dossier.unit === unit), FROM, TO) });
    }
    expect(byUnit.rows.find((row) => row.key === '05983')!.label).toBe('Phường Lương Văn Tri');
  });

  it('matches every cell grouped by month, and the total', async () => {
    const byMonth = await report({ groupBy: 'month' });
    const months: [string, string, string][] = [
      ['2026-03', '2026-03-01', '2026-03-31'],
      ['2026-04', '2026-04-01', '2026-04-30'],
    ];
    expect(byMonth.rows.map((row) => row.label)).toEqual(['Tháng 03/2026', 'Tháng 04/2026']);
    for (const [key, from, to] of months) {
      const { key: _key, label: _label, onTimeRate: _rate, onTimeRateDisplay: _display, ...cells } = byMonth.rows.find((row) => row.key === key)!;
      expect({ key, ...cells }).toEqual({ key, ...expected(done, from, to) });
    }
    const { key: _key, label: _label, onTimeRate: _rate, onTimeRateDisplay: _display, ...total } = byMonth.total;
    expect(total).toEqual(expected(done, FROM, TO));
    // What the test did, counted by hand: the comparison above is not between two empty reports.
    expect(total).toMatchObject({ carriedOver: 2, received: 12, finishedEarly: 3, finishedOnTime: 2, finishedLate: 3, refused: 1, withdrawn: 1, stopped: 1 });
    expect(total.inProgressOverdue + total.inProgressOnTime).toBe(3);
    expect(byMonth.summary).toMatch(/^\d+ hồ sơ đúng hạn và trước hạn, \d+,\d\d%$/);
  });

  it('exports the same report as an xlsx workbook through the gateway, with the totals of the JSON report', async () => {
    const json = await report({ groupBy: 'unit' });
    const response = await fetch(`${platform.gateway.url}/api/v1/reports/timeliness?unitCode=20&from=${FROM}&to=${TO}&groupBy=unit&format=xlsx`, {
      headers: { authorization: `Bearer ${tokens['admin.tinh']}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells: (string | number)[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value as string | number)));
    expect(cells).toContain('Tổng cộng');
    expect(cells).toContain(json.total.received);
    expect(cells).toContain('Trước hạn');
  });

  it('answers a period the wrong way round with 400 and a Vietnamese message', async () => {
    await expect(report({ from: TO, to: FROM })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.' });
  });
});
