import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  calendarChangedV1,
  healthSubject,
  procedurePublishedV1,
  ReadModelSubjects,
  unitChangedV1,
  unitCreatedV1,
  type EventDefinition,
  type ReadModelFreshnessView,
  type VersionContent,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';
import { waitFor } from '@mc/local-infra';
import { STANDARD_OFFICE_HOURS } from '@mc/working-calendar';
import { accepted, counterSubmission, failure, principal, PUBLISHED_VERSION, receiveDossier, startDossier, type TestDossierService } from './support';

/*
 * The dossier service with its own read models, fed through JetStream by this
 * test standing in for identity and the catalog: it publishes their events on
 * their streams as their outbox relays do.
 */
const { code, version, status: _status, fieldName: _fieldName, createdAt: _c, publishedAt: _p, withdrawnAt: _w, withdrawalReason: _r, ...content } = PUBLISHED_VERSION;
const CONTENT: VersionContent = content;
const WEEK = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, STANDARD_OFFICE_HOURS]));

describe('read models of units, procedure versions and the calendar', () => {
  let running: Awaited<ReturnType<typeof startDossier>>;
  let bus: TestDossierService['service']['bus'];
  let revision = 0;

  async function publish<T>(definition: EventDefinition<T>, data: T): Promise<number> {
    const id = randomUUID();
    const envelope = { id, type: definition.type, version: definition.version, source: definition.service, occurredAt: new Date().toISOString(), data };
    await bus.js.publish(bus.subject(definition.subject), JSON.stringify(envelope), { msgID: id });
    return Date.now();
  }
  const unit = (code: string, path: string) => ({ code, name: `Đơn vị ${code}`, kind: 'commune' as const, parentCode: '20', path, validFrom: null, validTo: null });
  const year2026 = (holidays: string[]) => ({
    scope: 'province' as const,
    year: 2026,
    holidays: holidays.map((date) => ({ date, name: 'Nghỉ lễ' })),
    swappedWorkingDays: [],
    weeklyHours: WEEK,
    standardHours: [...STANDARD_OFFICE_HOURS],
    cutOff: '15:00',
    calendarDaysFrom: 'receipt' as const,
    revision: ++revision,
    changedAt: new Date().toISOString(),
    changedBy: 'admin.tinh',
  });
  const freshness = () => running.service.app.get(NatsClientProxy).request<ReadModelFreshnessView>(ReadModelSubjects.dossierFreshness, {});
  /** Every feed checked after now and found with nothing left to apply. */
  const settled = () => {
    const since = Date.now();
    return waitFor('read models settled', async () => (await freshness()).feeds.every((feed) => feed.pending === 0 && Date.parse(feed.checkedAt ?? '') > since), 5_000);
  };
  const health = () => running.service.app.get(NatsClientProxy).request<{ service: string; status: string }>(healthSubject('dossier'), {});
  const appliedCount = async (subject: string) => (await freshness()).feeds.find((feed) => feed.subject === subject)?.appliedHere ?? 0;
  const citizen = { ...principal('cong.dan', 'citizen', ''), verifiedIdNumber: '020095001234' };
  const online = () => counterSubmission({ channel: 'online', receivingUnitCode: '05977' });

  beforeAll(async () => {
    running = await startDossier({ readModels: true, env: { DOSSIER_READ_MODEL_MAX_LAG_MS: '400', DOSSIER_READ_MODEL_CHECK_MS: '50' } });
    bus = running.service.bus;
    await publish(unitCreatedV1, unit('20', '/20/'));
    await publish(unitCreatedV1, unit('05983', '/20/05983/'));
    await publish(unitCreatedV1, unit('05977', '/20/05977/'));
    await publish(procedurePublishedV1, { code, version, content: CONTENT, publishedAt: '2025-06-15T00:00:00.000Z', publishedBy: 'admin.tinh' });
    await publish(calendarChangedV1, year2026(['2026-01-01']));
    await settled();
  });
  afterAll(() => running?.close());

  it('receives a dossier without a single request to identity or the catalog', async () => {
    const asked: string[] = [];
    const subscriptions = ['identity.>', 'catalog.>'].map((subject) =>
      bus.nc.subscribe(bus.subject(subject), { callback: (_, message) => void asked.push(message.subject) }),
    );
    await bus.nc.flush();
    try {
      const atCounter = accepted(await receiveDossier(running, counterSubmission()));
      const filedOnline = accepted(await receiveDossier(running, online(), citizen));
      // Monday 05/01/2026 09:00, 3 working days: Tuesday to Thursday, 17:00 Thursday.
      expect(atCounter.receipt.dueAtDisplay).toBe('17:00 08/01/2026');
      expect(atCounter.dossier.procedure).toEqual({ code, version, name: PUBLISHED_VERSION.name });
      expect(filedOnline.dossier.receivingUnitCode).toBe('05977');
      await bus.nc.flush();
    } finally {
      for (const subscription of subscriptions) subscription.unsubscribe();
    }
    expect(asked).toEqual([]);
  });

  it('honours a day off, a new version and a moved unit once the measured lag has passed, well under a second', async () => {
    const subjects = [calendarChangedV1.subject, procedurePublishedV1.subject, unitChangedV1.subject];
    const before = await Promise.all(subjects.map(appliedCount));
    const published = [
      await publish(calendarChangedV1, year2026(['2026-01-01', '2026-01-06'])),
      await publish(procedurePublishedV1, {
        code,
        version: version + 1,
        content: { ...CONTENT, name: 'Đăng ký kết hôn (sửa đổi)', effectiveFrom: '2026-01-05' },
        publishedAt: new Date().toISOString(),
        publishedBy: 'admin.tinh',
      }),
      await publish(unitChangedV1, unit('05977', '/20/122/05977/')),
    ];
    await waitFor('the three events applied', async () => (await Promise.all(subjects.map(appliedCount))).every((count, index) => count > (before[index] ?? 0)));
    const view = await freshness();
    for (const subject of subjects) {
      const feed = view.feeds.find((candidate) => candidate.subject === subject);
      expect(feed?.lastAppliedLagMs).toBeLessThan(1_000);
    }
    expect(Math.max(...published) - Math.min(...published)).toBeLessThan(1_000);

    const receipt = accepted(await receiveDossier(running, counterSubmission()));
    // Tuesday 06/01 is now a day off: Wednesday to Friday.
    expect(receipt.receipt.dueAtDisplay).toBe('17:00 09/01/2026');
    expect(receipt.dossier.procedure).toEqual({ code, version: version + 1, name: 'Đăng ký kết hôn (sửa đổi)' });
    const filed = accepted(await receiveDossier(running, online(), citizen));
    const [row] = await running.service.app.get(DataSource).query('SELECT receiving_unit_path FROM dossiers WHERE id = $1', [filed.dossier.id]);
    expect(row.receiving_unit_path).toBe('/20/122/05977/');
  });

  it('honours a change another replica applied after its own next check, though it keeps what it read in memory', async () => {
    const second = await startDossier({
      replicaOf: { url: running.url, namespace: running.namespace },
      readModels: true,
      env: { DOSSIER_READ_MODEL_MAX_LAG_MS: '400', DOSSIER_READ_MODEL_CHECK_MS: '50' },
    });
    const dataSource = running.service.app.get(DataSource);
    const knownPath = async () => (await dataSource.query("SELECT path FROM known_units WHERE code = '05977'"))[0].path as string;
    const filedAt = async (replica: TestDossierService) => {
      const filed = accepted(await receiveDossier(replica, online(), citizen));
      return (await dataSource.query('SELECT receiving_unit_path FROM dossiers WHERE id = $1', [filed.dossier.id]))[0].receiving_unit_path as string;
    };
    try {
      const before = await knownPath();
      // Both replicas have now read the unit's path and keep it.
      expect(await filedAt(running)).toBe(before);
      expect(await filedAt(second)).toBe(before);
      await publish(unitChangedV1, unit('05977', '/20/124/05977/'));
      await waitFor('the move applied by one of the replicas', async () => (await knownPath()) === '/20/124/05977/', 5_000);
      const applied = Date.now();
      for (const replica of [running, second]) await waitFor('the move honoured', async () => (await filedAt(replica)) === '/20/124/05977/', 2_000);
      // One check interval (50 ms here) and the check's own round trips; a replica that kept its copy would never get there.
      expect(Date.now() - applied).toBeLessThan(2_000);
    } finally {
      await second.close();
    }
  });

  it('waits for a unit or procedure that is on its way, and still tells one that does not exist', async () => {
    await publish(unitCreatedV1, unit('05986', '/20/05986/'));
    const filed = accepted(await receiveDossier(running, counterSubmission({ channel: 'online', receivingUnitCode: '05986' }), citizen));
    expect(filed.dossier.receivingUnitCode).toBe('05986');
    expect(await failure(receiveDossier(running, counterSubmission({ channel: 'online', receivingUnitCode: '99999' }), citizen))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(receiveDossier(running, counterSubmission({ procedureCode: '9.999999' })))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses submissions with 503 while a read model is held back past the bound, and serves again once it catches up', async () => {
    // The consumer of the catalog's versions cannot write while this transaction holds the table; reads go on.
    const holder = running.service.app.get(DataSource).createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE known_procedure_versions IN SHARE MODE');
    try {
      await publish(procedurePublishedV1, { code: '1.000700', version: 1, content: { ...CONTENT, name: 'Thủ tục khác' }, publishedAt: new Date().toISOString(), publishedBy: 'admin.tinh' });
      // Within the bound the replica still serves.
      expect(accepted(await receiveDossier(running, counterSubmission())).dossier.procedure.code).toBe(code);
      await waitFor('the held-back feed past the bound', async () => !(await freshness()).current, 5_000);
      const count = async () => (await running.service.app.get(DataSource).query('SELECT count(*)::int AS n FROM dossiers'))[0].n as number;
      const before = await count();
      const refused = await failure(receiveDossier(running, counterSubmission()));
      expect(refused).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { feed: 'procedures', subject: procedurePublishedV1.subject } });
      expect((refused.details as { behindMs: number }).behindMs).toBeGreaterThan(400);
      expect(await count()).toBe(before);
      // The replica says so to its orchestrator too: not ready while it would refuse submissions.
      expect(await health().catch((error: { code?: string }) => error.code)).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    await settled();
    await waitFor('current again', async () => (await freshness()).current, 5_000);
    expect(await health()).toMatchObject({ service: 'dossier', status: 'up' });
    expect(accepted(await receiveDossier(running, counterSubmission({ procedureCode: '1.000700' }))).dossier.procedure.name).toBe('Thủ tục khác');
  });

  it('answers the freshness of each feed', async () => {
    const view = await freshness();
    expect(view).toMatchObject({ boundMs: 400, current: true });
    expect(view.feeds.map((feed) => feed.subject)).toEqual([
      unitCreatedV1.subject,
      unitChangedV1.subject,
      procedurePublishedV1.subject,
      'evt.catalog.procedure.withdrawn',
      calendarChangedV1.subject,
    ]);
  });
});
