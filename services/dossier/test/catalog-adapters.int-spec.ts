import { CalendarSubjects, CatalogSubjects, ok, type CalendarView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';
import { waitFor } from '@mc/local-infra';
import { dueAt } from '@mc/working-calendar';
import { CatalogCalendarSource } from '../src/adapters/calendar-source';
import { NatsProcedureCatalog } from '../src/adapters/procedure-catalog';
import { PUBLISHED_VERSION, startDossier, type TestDossierService } from './support';

const encoder = new TextEncoder();

/** A year as the catalog's calendar.get answers it, with only the fields the adapter reads filled in. */
const yearView = (year: number, holidays: string[]): CalendarView =>
  ({
    year,
    unitCode: '05983',
    unitName: 'Phường Lương Văn Tri',
    daysAnnounced: true,
    daysProposed: false,
    weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }]])),
    standardHours: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }],
    cutOff: '15:00',
    calendarDaysFrom: 'receipt',
    unitOverride: null,
    nonWorkingDays: holidays.map((date) => ({ date, display: date, weekday: '', kind: 'holiday', name: 'Tết', officeHours: [] })),
    swappedWorkingDays: [],
    revision: 1,
    updatedAt: null,
    updatedBy: null,
  }) as CalendarView;

describe('catalog adapters over NATS', () => {
  let running: TestDossierService;
  const asked: { subject: string; body: Record<string, unknown>; authorization: string | undefined }[] = [];

  beforeAll(async () => {
    running = await startDossier();
    const { bus } = running.service;
    // Stands in for the catalog service on this test's namespace.
    for (const subject of [CatalogSubjects.versionInForce, CalendarSubjects.get]) {
      bus.nc.subscribe(bus.subject(subject), {
        callback: (_, message) => {
          const body = message.json<Record<string, unknown>>();
          asked.push({ subject, body, authorization: message.headers?.get('authorization') || undefined });
          const data =
            subject === CalendarSubjects.get
              ? yearView(Number(body.year), Number(body.year) === 2027 ? ['2027-01-01'] : ['2026-12-31'])
              : PUBLISHED_VERSION;
          message.respond(encoder.encode(JSON.stringify(ok(data))));
        },
      });
    }
    await bus.nc.flush();
  });
  afterAll(() => running?.close());

  it('asks for the version in force at the receipt instant', async () => {
    const catalog = new NatsProcedureCatalog(running.service.app.get(NatsClientProxy));
    const at = new Date('2026-03-02T01:00:00Z');
    expect((await catalog.versionInForce('1.000689', at)).version).toBe(2);
    expect(asked.at(-1)).toMatchObject({ subject: CatalogSubjects.versionInForce, body: { code: '1.000689', at: at.toISOString() } });
  });

  it("builds the unit's calendar from the receipt year and the next, with the caller's token", async () => {
    const source = new CatalogCalendarSource(running.service.app.get(NatsClientProxy));
    const calendar = await source.forUnit('05983', new Date('2026-12-30T03:00:00Z'), { authorization: 'Bearer t' });
    expect(asked.filter((call) => call.subject === CalendarSubjects.get).map((call) => [call.body.year, call.body.unitCode, call.authorization])).toEqual([
      [2026, '05983', 'Bearer t'],
      [2027, '05983', 'Bearer t'],
    ]);
    // Received Wednesday 30/12/2026 10:00; 31/12 is off in 2026's list and 01/01 in 2027's, so the
    // working days are Monday 04/01 (1) and Tuesday 05/01 (2) → 17:00 05/01/2027 (10:00 UTC).
    expect(dueAt(new Date('2026-12-30T03:00:00Z'), { value: 2, unit: 'working_days' }, calendar).toISOString()).toBe('2027-01-05T10:00:00.000Z');
  });

  it('answers from the kept calendar at once when it is due for a refresh, and fetches a fresh one behind it', async () => {
    const source = new CatalogCalendarSource(running.service.app.get(NatsClientProxy), 0);
    const calendarRequests = () => asked.filter((call) => call.subject === CalendarSubjects.get && call.body.unitCode === '05977').length;
    const at = new Date('2026-06-01T03:00:00Z');
    const first = await source.forUnit('05977', at);
    expect(calendarRequests()).toBe(2);
    // Kept for 0 ms: the next call is already stale, yet answered without waiting for the catalog.
    expect(await source.forUnit('05977', at)).toBe(first);
    await waitFor('the refresh', async () => calendarRequests() === 4);
    await waitFor('the fresh calendar', async () => (await source.forUnit('05977', at)) !== first);
  });
});
