import { randomUUID } from 'node:crypto';
import { Module, type Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppError,
  calendarRequestSchema,
  dueDateRequestSchema,
  eventStreamName,
  parseInput,
  setCalendarDaysRequestSchema,
  setCalendarHoursRequestSchema,
  setUnitOverrideRequestSchema,
  unitChangedV1,
  unitCreatedV1,
  workingTimeRequestSchema,
  type CalendarChanged,
  type CalendarDayView,
  type EventDefinition,
  type EventEnvelope,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { durableName } from '@mc/messaging';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { startBusService, type BusServiceDefinition, type RunningService } from '@mc/service-runtime';
import { catalogService } from '../src/catalog.service';
import { CALENDAR_MIGRATIONS, CalendarModule } from '../src/calendar';
import { CalendarStore } from '../src/calendar/calendar-store';
import { ComputeDueDate } from '../src/calendar/compute-due-date';
import { ComputeWorkingTime } from '../src/calendar/compute-working-time';
import { GetCalendar } from '../src/calendar/get-calendar';
import { ProposeCalendar } from '../src/calendar/propose-calendar';
import { RecordCalendarUnit } from '../src/calendar/record-calendar-unit';
import { SetCalendarDays } from '../src/calendar/set-calendar-days';
import { SetCalendarHours } from '../src/calendar/set-calendar-hours';
import { SetUnitOverride } from '../src/calendar/set-unit-override';

// The catalog service as it runs, with only the calendar's handlers, so these
// tests do not depend on the rest of the catalogue; the migrations are the
// catalog's followed by the calendar's, whether or not they are wired in yet.
@Module({ imports: [CalendarModule] })
class CalendarOnlyModule {}
const catalogMigrations = Object.values(catalogService.migrations);
const calendarTestService: BusServiceDefinition = {
  ...catalogService,
  module: CalendarOnlyModule,
  migrations: [...catalogMigrations, ...CALENDAR_MIGRATIONS.filter((migration) => !catalogMigrations.includes(migration))],
  onStarted: undefined,
};

const UNITS = {
  province: { code: '20', name: 'Tỉnh Lạng Sơn', kind: 'province', parentCode: null, path: '/20/' },
  ward: { code: '05983', name: 'Phường Lương Văn Tri', kind: 'ward', parentCode: '20', path: '/20/05983/' },
  centre: {
    code: '05983.TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công phường Lương Văn Tri',
    kind: 'one_stop_centre',
    parentCode: '05983',
    path: '/20/05983/05983.TTPVHCC/',
  },
  sibling: { code: '05977', name: 'Phường Đông Kinh', kind: 'ward', parentCode: '20', path: '/20/05977/' },
} as const;

const principal = (username: string, role: Principal['roles'][number]['role'], unit: keyof typeof UNITS): Principal => ({
  subject: randomUUID(),
  username,
  kind: 'staff',
  roles: [{ role, unit: UNITS[unit].code, path: UNITS[unit].path }],
  clientId: 'mot-cua-web',
});
const provinceAdmin = principal('admin.tinh', 'province_admin', 'province');
const wardAdmin = principal('quantri.lvt', 'unit_admin', 'ward');
const clerk = principal('tiepnhan.lvt', 'clerk', 'ward');
const citizen: Principal = { subject: randomUUID(), username: 'cong.dan', kind: 'citizen', roles: [], clientId: 'mot-cua-web' };

const STANDARD = [
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];
const WEEKDAYS = { mon: STANDARD, tue: STANDARD, wed: STANDARD, thu: STANDARD, fri: STANDARD };
/** The days off of 2026 as an admin enters them: Tết from Saturday 14/02 to Sunday 22/02. */
const DAYS_2026 = {
  holidays: [
    { date: '2026-01-01', name: 'Tết Dương lịch' },
    { date: '2026-02-14', name: 'Nghỉ Tết Nguyên đán' },
    { date: '2026-02-15', name: 'Nghỉ Tết Nguyên đán' },
    { date: '2026-02-16', name: 'Tết Nguyên đán (ngày cuối năm âm lịch)' },
    { date: '2026-02-17', name: 'Tết Nguyên đán (mùng 1)' },
    { date: '2026-02-18', name: 'Tết Nguyên đán (mùng 2)' },
    { date: '2026-02-19', name: 'Tết Nguyên đán (mùng 3)' },
    { date: '2026-02-20', name: 'Tết Nguyên đán (mùng 4)' },
    { date: '2026-02-21', name: 'Nghỉ Tết Nguyên đán' },
    { date: '2026-02-22', name: 'Nghỉ Tết Nguyên đán' },
    { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
    { date: '2026-04-30', name: 'Ngày Chiến thắng (30/4)' },
    { date: '2026-05-01', name: 'Ngày Quốc tế Lao động (1/5)' },
    { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề)' },
    { date: '2026-09-02', name: 'Quốc khánh (2/9)' },
  ],
  swappedWorkingDays: [],
};

describe('working-day calendar in the catalog service', () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let service: RunningService;

  const use = <T>(type: Type<T>): T => service.app.get(type);
  // Each call goes through the contract's schema, as the transport handler does.
  const getCalendar = (input: unknown) => use(GetCalendar).execute(parseInput(calendarRequestSchema, input));
  const setDays = (input: unknown, who: Principal = provinceAdmin) =>
    use(SetCalendarDays).execute(parseInput(setCalendarDaysRequestSchema, input), who);
  const setHours = (input: unknown, who: Principal = provinceAdmin) =>
    use(SetCalendarHours).execute(parseInput(setCalendarHoursRequestSchema, input), who);
  const setOverride = (input: unknown, who: Principal = provinceAdmin) =>
    use(SetUnitOverride).execute(parseInput(setUnitOverrideRequestSchema, input), who);
  const dueDate = (input: unknown, who: Principal = clerk) => use(ComputeDueDate).execute(parseInput(dueDateRequestSchema, input), who);
  const workingTime = (input: unknown, who: Principal = clerk) =>
    use(ComputeWorkingTime).execute(parseInput(workingTimeRequestSchema, input), who);
  const failure = async (attempt: () => Promise<unknown>) => {
    try {
      await attempt();
      return null;
    } catch (error) {
      return error as AppError;
    }
  };
  const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []): Promise<T[]> =>
    service.app.get(DataSource).query(text, parameters);

  /** Everything a write could leave behind: rows, pending events and the events published. */
  const footprint = async () => {
    await waitFor('outbox relayed', async () => Number((await sql<{ n: number }>('SELECT count(*)::int AS n FROM outbox'))[0]!.n) === 0);
    const [counts] = await sql(`
      SELECT (SELECT count(*)::int FROM calendar_years) AS years, (SELECT count(*)::int FROM calendar_days) AS days,
             (SELECT count(*)::int FROM calendar_unit_overrides) AS overrides, (SELECT count(*)::int FROM calendar_changes) AS changes,
             (SELECT coalesce(sum(revision), 0)::int FROM calendar_years) AS revisions`);
    const stream = await service.bus.jsm.streams.info(service.bus.streamName(eventStreamName('catalog'))).catch(() => null);
    return { ...counts, events: stream?.state.messages ?? 0 };
  };

  const lastCalendarEvent = (matches: (data: CalendarChanged) => boolean) =>
    waitFor('calendar event', async () => {
      const { bus } = service;
      const message = await bus.jsm.streams.getMessage(bus.streamName(eventStreamName('catalog')), {
        last_by_subj: bus.subject('evt.catalog.calendar.changed'),
      });
      const envelope = message?.json<EventEnvelope<CalendarChanged>>();
      return envelope && matches(envelope.data) ? envelope : undefined;
    });

  const unitEvent = (
    definition: EventDefinition<unknown>,
    unit: { code: string; name: string; kind: string; parentCode: string | null; path: string },
    occurredAt = new Date(),
    changes: Record<string, unknown> = {},
  ): EventEnvelope => ({
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    source: 'identity',
    occurredAt: occurredAt.toISOString(),
    data: { ...unit, validFrom: null, validTo: null, ...changes },
  });
  /** As the identity service's outbox relay publishes; a different message id lets JetStream take a repeat as a redelivery. */
  const publish = async (definition: EventDefinition<unknown>, envelope: EventEnvelope, msgID = envelope.id) => {
    await service.bus.js.publish(service.bus.subject(definition.subject), JSON.stringify(envelope), { msgID });
  };
  const consumed = (definition: EventDefinition<unknown>) =>
    waitFor(`${definition.subject} consumed`, async () => {
      const { bus } = service;
      const info = await bus.jsm.consumers.info(bus.streamName(eventStreamName('identity')), durableName('catalog', definition.subject));
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startBusService(calendarTestService, {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      BUS_REQUEST_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'silent',
    });
    for (const unit of Object.values(UNITS)) await publish(unitCreatedV1, unitEvent(unitCreatedV1, unit));
    await waitFor('units known to the catalog', async () => (await sql('SELECT code FROM calendar_units')).length === 4);
  });

  afterAll(async () => {
    await service?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  it('the 2026 Tết days set by an admin move a due date across Tết', async () => {
    const request = { unitCode: '05983', receivedAt: '2026-02-13T10:00:00+07:00', duration: { value: 3, unit: 'working_days' } };
    const before = await dueDate(request);
    expect(before).toMatchObject({ dueAt: '2026-02-18T17:00:00+07:00', dueAtDisplay: '17:00 18/02/2026', unannouncedYears: [2026] });
    expect(before.warning).toContain('Chưa nhập lịch nghỉ lễ chính thức của năm 2026');

    await setDays({ year: 2026, ...DAYS_2026 });

    const after = await dueDate(request);
    expect(after).toEqual({
      unitCode: '05983',
      receivedAt: '2026-02-13T10:00:00+07:00',
      deemedReceivedOn: '2026-02-13',
      deemedReceivedOnDisplay: '13/02/2026',
      duration: { value: 3, unit: 'working_days' },
      dueAt: '2026-02-25T17:00:00+07:00',
      dueAtDisplay: '17:00 25/02/2026',
      pausedWorkingMilliseconds: 0,
      unannouncedYears: [],
      warning: null,
    });
    // After the 15:00 cut-off the time counts from the next working day, which is after Tết.
    expect(await dueDate({ ...request, receivedAt: '2026-02-13T15:30:00+07:00' })).toMatchObject({
      deemedReceivedOnDisplay: '23/02/2026',
      dueAtDisplay: '17:00 26/02/2026',
    });
    // A pause over a working afternoon moves the due instant by the office time it covered.
    const paused = await dueDate({ ...request, pauses: [{ start: '2026-02-23T13:30:00+07:00', end: '2026-02-24T07:30:00+07:00' }] });
    expect(paused).toMatchObject({ dueAtDisplay: '11:00 26/02/2026', pausedWorkingMilliseconds: 3.5 * 3_600_000 });
    expect(await workingTime({ unitCode: '05983', from: '2026-02-13T10:00:00+07:00', to: '2026-02-23T09:00:00+07:00' })).toMatchObject({
      workingMilliseconds: 6.5 * 3_600_000,
      workingHoursDisplay: '6 giờ 30 phút',
      from: '2026-02-13T10:00:00+07:00',
      unannouncedYears: [],
    });
    // A time limit that runs into a year nobody has entered says so.
    expect(await dueDate({ receivedAt: '2026-12-30T09:00:00+07:00', duration: { value: 5, unit: 'working_days' } })).toMatchObject({
      unitCode: null,
      dueAtDisplay: '17:00 06/01/2027',
      unannouncedYears: [2027],
      warning: expect.stringContaining('năm 2027'),
    });
  });

  it('stores a year and reads it back: every day off named, dd/mm/yyyy, hours, history and an event', async () => {
    const calendar = await getCalendar({ year: '2026' });
    expect(calendar).toMatchObject({
      year: 2026,
      unitCode: null,
      daysAnnounced: true,
      cutOff: '15:00',
      weeklyHours: WEEKDAYS,
      revision: 1,
      updatedBy: 'admin.tinh',
      unitOverride: null,
    });
    const byDate = new Map(calendar.nonWorkingDays.map((day) => [day.date, day]));
    expect(byDate.get('2026-02-17')).toEqual<CalendarDayView>({
      date: '2026-02-17',
      display: '17/02/2026',
      weekday: 'thứ Ba',
      kind: 'holiday',
      name: 'Tết Nguyên đán (mùng 1)',
      officeHours: [],
    });
    expect(byDate.get('2026-02-14')).toMatchObject({ display: '14/02/2026', weekday: 'thứ Bảy', kind: 'holiday', name: 'Nghỉ Tết Nguyên đán' });
    expect(byDate.get('2026-02-07')).toMatchObject({ display: '07/02/2026', weekday: 'thứ Bảy', kind: 'weekly_rest', name: 'Nghỉ hằng tuần' });
    expect(byDate.has('2026-02-23')).toBe(false);
    // 104 weekend days in 2026 (four of them Tết) and 11 holidays on weekdays.
    expect(calendar.nonWorkingDays).toHaveLength(104 + 11);

    // The next save starts from the revision read; a Saturday is swapped for the bridge day of 02/01.
    const saved = await setDays({
      year: 2026,
      holidays: [...DAYS_2026.holidays, { date: '2026-01-02', name: 'Nghỉ liền Tết Dương lịch (hoán đổi)' }],
      swappedWorkingDays: [{ date: '2026-01-10', name: 'Làm bù ngày 02/01/2026' }],
      expectedRevision: 1,
    });
    expect(saved.revision).toBe(2);
    expect(saved.swappedWorkingDays).toEqual([
      { date: '2026-01-10', display: '10/01/2026', weekday: 'thứ Bảy', kind: 'swapped_working', name: 'Làm bù ngày 02/01/2026', officeHours: STANDARD },
    ]);
    expect(saved.nonWorkingDays.find((day) => day.date === '2026-01-02')).toMatchObject({ kind: 'holiday', weekday: 'thứ Sáu' });

    const event = await lastCalendarEvent((data) => data.scope === 'province' && data.revision === 2);
    expect(event).toMatchObject({ type: 'calendar.changed', version: 1, source: 'catalog' });
    expect(event.data).toMatchObject({
      year: 2026,
      swappedWorkingDays: [{ date: '2026-01-10', name: 'Làm bù ngày 02/01/2026' }],
      cutOff: '15:00',
      changedBy: 'admin.tinh',
    });

    // Hours: a 16:00 cut-off from 2026 on; 2027 has none of its own and follows 2026.
    const hours = await setHours({ year: 2026, weeklyHours: WEEKDAYS, standardHours: STANDARD, cutOff: '16:00', expectedRevision: 2 });
    expect(hours).toMatchObject({ cutOff: '16:00', revision: 3 });
    expect(await getCalendar({ year: 2027 })).toMatchObject({ cutOff: '16:00', daysAnnounced: false, revision: 0 });
    expect((await getCalendar({ year: 2025 })).cutOff).toBe('15:00');
    expect(
      await dueDate({ receivedAt: '2026-03-06T15:30:00+07:00', duration: { value: 0, unit: 'working_days' } }),
    ).toMatchObject({ dueAtDisplay: '17:00 06/03/2026' });
    await setHours({ year: 2026, weeklyHours: WEEKDAYS, standardHours: STANDARD, cutOff: '15:00' });

    const history = await sql<{ action: string; revision: number; actor: string; before: unknown }>(
      'SELECT action, revision, actor, before FROM calendar_changes WHERE year = 2026 ORDER BY id',
    );
    expect(history.map((row) => [row.action, row.revision])).toEqual([
      ['calendar.days.set', 1],
      ['calendar.days.set', 2],
      ['calendar.hours.set', 3],
      ['calendar.hours.set', 4],
    ]);
    expect(history[0]!.before).toBeNull();
    expect(history[1]!.before).toMatchObject({ holidays: expect.arrayContaining([{ date: '2026-02-17', name: 'Tết Nguyên đán (mùng 1)' }]) });
    await expect(sql('UPDATE calendar_changes SET actor = $1', ['ai.do'])).rejects.toThrow('cannot be modified');
  });

  it('proposes a year from the Labour Code without storing anything', async () => {
    const before = await footprint();
    const proposal = use(ProposeCalendar).execute(2027, clerk);
    expect(proposal.holidays).toContainEqual({ date: '2027-02-06', display: '06/02/2027', weekday: 'thứ Bảy', name: 'Tết Nguyên đán (mùng 1)' });
    expect(proposal.note).toContain('đối chiếu với thông báo chính thức');
    expect(await footprint()).toEqual(before);
  });

  it('applies a unit override only to that unit and its due dates', async () => {
    const saturdays = { ...WEEKDAYS, sat: [{ start: '07:30', end: '11:30' }] };
    const override = await setOverride({ unitCode: '05983.TTPVHCC', weeklyHours: saturdays }, wardAdmin);
    expect(override).toMatchObject({ unitCode: '05983.TTPVHCC', weeklyHours: saturdays, standardHours: null, cutOff: null, revision: 1 });
    const event = await lastCalendarEvent((data) => data.scope === 'unit');
    expect(event.data).toMatchObject({ unitCode: '05983.TTPVHCC', weeklyHours: saturdays, changedBy: 'quantri.lvt' });

    // Received on Friday after the cut-off: the centre counts from Saturday, the ward from Monday.
    const friday = { receivedAt: '2026-03-06T16:00:00+07:00', duration: { value: 1, unit: 'working_days' } };
    expect(await dueDate({ ...friday, unitCode: '05983.TTPVHCC' })).toMatchObject({
      deemedReceivedOnDisplay: '07/03/2026',
      dueAtDisplay: '17:00 09/03/2026',
    });
    expect(await dueDate({ ...friday, unitCode: '05983' })).toMatchObject({ deemedReceivedOnDisplay: '09/03/2026', dueAtDisplay: '17:00 10/03/2026' });
    expect(await dueDate(friday)).toMatchObject({ dueAtDisplay: '17:00 10/03/2026' });
    // "Trong ngày" on a Saturday morning at the centre ends when its Saturday session does.
    expect(
      await dueDate({ unitCode: '05983.TTPVHCC', receivedAt: '2026-03-07T09:00:00+07:00', duration: { value: 0, unit: 'working_days' } }),
    ).toMatchObject({ dueAtDisplay: '11:30 07/03/2026' });
    // Holidays stay the province's: the Saturdays of Tết are off at the centre too.
    expect(
      await dueDate({ unitCode: '05983.TTPVHCC', receivedAt: '2026-02-13T10:00:00+07:00', duration: { value: 3, unit: 'working_days' } }),
    ).toMatchObject({ dueAtDisplay: '17:00 25/02/2026' });

    const centre = await getCalendar({ year: 2026, unitCode: '05983.TTPVHCC' });
    const ward = await getCalendar({ year: 2026, unitCode: '05983' });
    expect(centre).toMatchObject({ unitName: UNITS.centre.name, weeklyHours: saturdays, unitOverride: { revision: 1, updatedBy: 'quantri.lvt' } });
    expect(centre.nonWorkingDays.some((day) => day.weekday === 'thứ Bảy' && day.kind === 'weekly_rest')).toBe(false);
    expect(centre.nonWorkingDays.find((day) => day.date === '2026-02-14')).toMatchObject({ kind: 'holiday', name: 'Nghỉ Tết Nguyên đán' });
    expect(ward).toMatchObject({ unitOverride: null, weeklyHours: WEEKDAYS });
    // Office hours and holidays are public notices: a citizen submitting online reads them too.
    expect(await getCalendar({ year: 2026, unitCode: '05983.TTPVHCC' })).toEqual(centre);
    expect(ward.nonWorkingDays.find((day) => day.date === '2026-03-07')).toMatchObject({ kind: 'weekly_rest' });
    // Overrides are decided in the unit's subtree: the ward's admin may not touch its sibling, a clerk nothing.
    const before = await footprint();
    expect(await failure(() => setOverride({ unitCode: '05977', cutOff: '16:00' }, wardAdmin))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(() => setOverride({ unitCode: '05983', cutOff: '16:00' }, clerk))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await footprint()).toEqual(before);

    // Every field null puts the unit back on the province calendar.
    expect(await setOverride({ unitCode: '05983.TTPVHCC', expectedRevision: 1 }, provinceAdmin)).toMatchObject({ weeklyHours: null, revision: 2 });
    expect(await dueDate({ ...friday, unitCode: '05983.TTPVHCC' })).toMatchObject({ dueAtDisplay: '17:00 10/03/2026' });
    expect((await getCalendar({ year: 2026, unitCode: '05983.TTPVHCC' })).unitOverride).toBeNull();
  });

  it('moves a due date only by the pauses that fall while the limit runs', async () => {
    // Received Monday 05/01/2026 09:00, one working day: due Tuesday 06/01 17:00 whatever these pauses say.
    const monday = { unitCode: '05983', receivedAt: '2026-01-05T09:00:00+07:00', duration: { value: 1, unit: 'working_days' } };
    const outside = [
      ['ended before receipt', '2026-01-02T07:30:00+07:00', '2026-01-02T17:00:00+07:00'],
      ['a year after the due date', '2027-01-06T07:30:00+07:00', '2027-01-06T17:00:00+07:00'],
      ['on the receipt day, which a day limit does not count', '2026-01-05T09:30:00+07:00', '2026-01-05T16:30:00+07:00'],
    ];
    for (const [why, start, end] of outside) {
      expect({ why, ...(await dueDate({ ...monday, pauses: [{ start, end }] })) }).toMatchObject({
        why,
        dueAtDisplay: '17:00 06/01/2026',
        pausedWorkingMilliseconds: 0,
      });
    }
    // Tuesday 07:30–09:30 is counted time: two hours.
    expect(await dueDate({ ...monday, pauses: [{ start: '2026-01-05T16:00:00+07:00', end: '2026-01-06T09:30:00+07:00' }] })).toMatchObject({
      dueAtDisplay: '09:30 07/01/2026',
      pausedWorkingMilliseconds: 2 * 3_600_000,
    });
  });

  it('counts calendar days from the actual receipt unless the province applies the cut-off to them, and counts months', async () => {
    // Friday 13/02/2026 before Tết (set in the first test), 10 calendar days.
    const friday = { unitCode: '05983', receivedAt: '2026-02-13T16:00:00+07:00', duration: { value: 10, unit: 'days' } };
    const early = { ...friday, receivedAt: '2026-02-13T14:00:00+07:00' };
    const calendar = await getCalendar({ year: 2026 });
    expect(calendar.calendarDaysFrom).toBe('receipt');
    expect(await dueDate(friday)).toMatchObject({ deemedReceivedOnDisplay: '13/02/2026', dueAtDisplay: '17:00 23/02/2026' });
    expect(await dueDate(early)).toMatchObject({ dueAtDisplay: '17:00 23/02/2026' });
    // "01 tháng" from Friday 30/01: February has no 30th → Saturday 28/02 → Monday 02/03.
    expect(await dueDate({ unitCode: '05983', receivedAt: '2026-01-30T09:00:00+07:00', duration: { value: 1, unit: 'months' } })).toMatchObject({
      duration: { value: 1, unit: 'months' },
      dueAtDisplay: '17:00 02/03/2026',
    });

    const { weeklyHours, standardHours, cutOff } = calendar;
    const deemed = await setHours({ year: 2026, weeklyHours, standardHours, cutOff, calendarDaysFrom: 'deemed_receipt' });
    expect(deemed.calendarDaysFrom).toBe('deemed_receipt');
    await lastCalendarEvent((data) => data.scope === 'province' && data.calendarDaysFrom === 'deemed_receipt');
    expect(await dueDate(friday)).toMatchObject({ deemedReceivedOnDisplay: '23/02/2026', dueAtDisplay: '17:00 05/03/2026' });
    expect(await dueDate(early)).toMatchObject({ deemedReceivedOnDisplay: '13/02/2026', dueAtDisplay: '17:00 23/02/2026' });
    // The following year has no hours of its own, so it follows this one.
    expect((await getCalendar({ year: 2027 })).calendarDaysFrom).toBe('deemed_receipt');

    // Left out, the setting is the default again.
    expect((await setHours({ year: 2026, weeklyHours, standardHours, cutOff })).calendarDaysFrom).toBe('receipt');
    expect(await dueDate(friday)).toMatchObject({ dueAtDisplay: '17:00 23/02/2026' });
  });

  describe('bad input is refused with a stable code and a Vietnamese message, and nothing is written', () => {
    const received = '2026-02-13T10:00:00+07:00';
    const cases: [string, () => Promise<unknown>, Record<string, unknown>][] = [
      [
        'a negative duration',
        () => dueDate({ unitCode: '05983', receivedAt: received, duration: { value: -1, unit: 'working_days' } }),
        { code: 'VALIDATION_FAILED', message: 'Thời hạn không được âm (nhận được -1 ngày làm việc).', details: { reason: 'INVALID_DURATION' } },
      ],
      [
        'a duration of 10,000 days',
        () => dueDate({ receivedAt: received, duration: { value: 10_000, unit: 'days' } }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('vượt quá mức tối đa 3650 ngày'), details: { reason: 'INVALID_DURATION' } },
      ],
      [
        'an instant without its offset',
        () => dueDate({ receivedAt: '2026-02-13T10:00:00', duration: { value: 3, unit: 'working_days' } }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('có múi giờ'), details: { reason: 'INVALID_INSTANT' } },
      ],
      [
        'a pause ending before it starts',
        () =>
          dueDate({
            receivedAt: received,
            duration: { value: 3, unit: 'working_days' },
            pauses: [{ start: '2026-02-24T10:00:00+07:00', end: '2026-02-23T10:00:00+07:00' }],
          }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('trước thời điểm bắt đầu') },
      ],
      [
        'an offset no clock uses, named as such rather than "năm NaN"',
        () => dueDate({ receivedAt: '2026-02-13T10:00:00+99:99', duration: { value: 3, unit: 'working_days' } }),
        {
          code: 'VALIDATION_FAILED',
          message: expect.stringMatching(/^Thời điểm tiếp nhận không hợp lệ \(2026-02-13T10:00:00\+99:99\); nhập theo dạng ISO 8601 có múi giờ/),
          details: { reason: 'INVALID_INSTANT' },
        },
      ],
      [
        'a province setting for calendar days that does not exist',
        () => setHours({ year: 2026, weeklyHours: WEEKDAYS, standardHours: STANDARD, cutOff: '15:00', calendarDaysFrom: 'tomorrow' }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('Bộ luật Dân sự điều 147') },
      ],
      [
        'a working-time end without its offset',
        () => workingTime({ from: received, to: '2026-02-20 10:00' }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('Thời điểm kết thúc không hợp lệ') },
      ],
      [
        'a holiday outside the year',
        () => setDays({ year: 2026, holidays: [{ date: '2027-01-01', name: 'Tết Dương lịch' }] }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('Ngày 01/01/2027 không thuộc năm 2026') },
      ],
      [
        'a day both off and swapped',
        () =>
          setDays({
            year: 2026,
            holidays: [{ date: '2026-01-10', name: 'Nghỉ' }],
            swappedWorkingDays: [{ date: '2026-01-10', name: 'Làm bù' }],
          }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('vừa là ngày nghỉ vừa là ngày làm bù') },
      ],
      [
        'a swapped working day on a day already worked',
        () => setDays({ year: 2026, holidays: [], swappedWorkingDays: [{ date: '2026-01-12', name: 'Làm bù' }] }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('12/01/2026 (thứ Hai) vốn là ngày làm việc') },
      ],
      [
        'overlapping office hours of the province',
        () =>
          setHours({
            year: 2026,
            weeklyHours: { ...WEEKDAYS, mon: [{ start: '07:30', end: '11:30' }, { start: '11:00', end: '17:00' }] },
            standardHours: STANDARD,
            cutOff: '15:00',
          }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('07:30–11:30 và 11:00–17:00 (thứ Hai) chồng lên nhau'), details: { reason: 'INVALID_CALENDAR' } },
      ],
      [
        'overlapping office hours of a unit',
        () => setOverride({ unitCode: '05983', standardHours: [{ start: '13:00', end: '17:00' }, { start: '07:30', end: '13:30' }] }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('chồng lên nhau') },
      ],
      [
        'a week without a working day',
        () => setOverride({ unitCode: '05983', weeklyHours: {} }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('ít nhất một ngày làm việc') },
      ],
      [
        'a unit override of the holidays',
        () => setOverride({ unitCode: '05983', holidays: ['2026-03-08'] }),
        { code: 'VALIDATION_FAILED', message: expect.stringContaining('ngày nghỉ lễ do tỉnh công bố chung') },
      ],
      [
        'an unknown unit for a due date',
        () => dueDate({ unitCode: '99999', receivedAt: received, duration: { value: 3, unit: 'working_days' } }),
        { code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị có mã "99999". Kiểm tra lại mã đơn vị.' },
      ],
      ['an unknown unit for an override', () => setOverride({ unitCode: '99999', cutOff: '16:00' }), { code: 'NOT_FOUND' }],
      ['an unknown unit for a calendar', () => getCalendar({ year: 2026, unitCode: '99999' }), { code: 'NOT_FOUND' }],
      ['a year out of range', () => getCalendar({ year: '1990' }), { code: 'VALIDATION_FAILED', message: expect.stringContaining('2000–2199') }],
      [
        'a save over a newer revision',
        () => setDays({ year: 2026, ...DAYS_2026, expectedRevision: 1 }),
        { code: 'CONFLICT', message: expect.stringContaining('vừa được người khác sửa') },
      ],
      [
        'a clerk editing the province calendar',
        () => setDays({ year: 2026, ...DAYS_2026 }, clerk),
        { code: 'FORBIDDEN', message: expect.stringContaining('quản trị viên cấp tỉnh') },
      ],
      [
        'a unit admin editing the province calendar',
        () => setHours({ year: 2026, weeklyHours: WEEKDAYS, standardHours: STANDARD, cutOff: '16:00' }, wardAdmin),
        { code: 'FORBIDDEN' },
      ],
      ['a citizen asking for a due date', () => dueDate({ receivedAt: received, duration: { value: 3, unit: 'working_days' } }, citizen), { code: 'FORBIDDEN' }],
    ];

    it.each(cases)('%s', async (_name, attempt, expected) => {
      const before = await footprint();
      const error = await failure(attempt);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject(expected);
      expect(await footprint()).toEqual(before);
    });
  });

  it('keeps the unit tree from identity events, a redelivered event handled once', async () => {
    const created = unitEvent(unitCreatedV1, { ...UNITS.sibling, code: '05974', name: 'Phường Kỳ Lừa', path: '/20/05974/' });
    await publish(unitCreatedV1, created);
    // The relay retrying after a lost acknowledgement, past the publish dedupe: the same event again.
    await publish(unitCreatedV1, created, `${created.id}:again`);
    await consumed(unitCreatedV1);
    expect(await sql('SELECT event_id FROM inbox WHERE event_id = $1', [created.id])).toHaveLength(1);
    expect(await use(CalendarStore).unit('05974')).toEqual({ code: '05974', name: 'Phường Kỳ Lừa', kind: 'ward', path: '/20/05974/', valid_to: null });
    expect(await use(RecordCalendarUnit).execute(unitCreatedV1, created)).toBe(false);

    // A rename, then its older creation handled late: the rename stays.
    const renamed = unitEvent(unitChangedV1, UNITS.sibling, new Date(Date.now() + 1_000), { name: 'Phường Đông Kinh (mới)', validTo: '2026-06-30' });
    await publish(unitChangedV1, renamed);
    await consumed(unitChangedV1);
    expect(await use(RecordCalendarUnit).execute(unitCreatedV1, unitEvent(unitCreatedV1, UNITS.sibling, new Date(Date.now() - 60_000)))).toBe(true);
    expect(await use(CalendarStore).unit('05977')).toMatchObject({ name: 'Phường Đông Kinh (mới)', valid_to: '2026-06-30' });
  });
});
