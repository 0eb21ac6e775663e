import { DataSource } from 'typeorm';
import { waitFor } from '@mc/local-infra';
import { generateDossiers } from '../../../load-tests/benchmarks/synthetic-dossiers';
import { DossierProjector } from '../src/projection/dossier-projector';
import { PROJECTION_LOCK_KEY } from '../src/read-models/projection-consumer';
import { startReporting, type TestReporting } from './support';

/** Replicas share the consumer, but only the holder of the projection lock applies events, so their order holds. */
describe('one projecting replica at a time', () => {
  let first: TestReporting;
  let second: TestReporting | undefined;

  beforeAll(async () => {
    first = await startReporting();
    second = await startReporting({ replicaOf: { url: first.url, namespace: first.namespace } });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('lets one replica lead, and the other take over when it stops', async () => {
    const leading = async () =>
      [first, second].filter((replica) => replica && replica.service.app.get(DossierProjector).isLeading).length;
    await waitFor('a leader', async () => (await leading()) === 1);
    expect(first.service.app.get(DossierProjector).isLeading).toBe(true);
    expect(second!.service.app.get(DossierProjector).isLeading).toBe(false);

    const { events: before } = generateDossiers({ count: 50, firstDay: '2026-03-02', lastDay: '2026-03-31', units: [{ code: '05983', weight: 1 }], seed: 1 });
    await first.publish(before);
    await first.caughtUp();

    // The leader goes away (a deploy, a crash): its connection closes and the lock with it.
    await first.stopService();
    await waitFor('the other replica to lead', async () => second!.service.app.get(DossierProjector).isLeading, 10_000);
    const { events: after } = generateDossiers({ count: 50, firstDay: '2026-04-01', lastDay: '2026-04-30', units: [{ code: '05983', weight: 1 }], seed: 2 });
    await second!.publish(after);
    await second!.caughtUp();
    const [{ applied }] = await second!.service.app.get(DataSource).query(`SELECT events_applied AS applied FROM projection_state WHERE name = 'dossier'`);
    expect(Number(applied)).toBe(before.length + after.length);
  });
});

describe('a leader whose database drops in the middle of a batch', () => {
  let reporting: TestReporting;

  // An ack wait far longer than the test may take: waiting it out would fail it.
  beforeAll(async () => (reporting = await startReporting({ env: { REPORTING_PROJECTION_ACK_WAIT_MS: '300000' } })));
  afterAll(() => reporting?.close());

  it('takes back at once the events it handed back, in order, and applies each once', async () => {
    const dataSource = reporting.service.app.get(DataSource);
    await waitFor('the lead', async () => reporting.service.app.get(DossierProjector).isLeading);
    // Every batch updates this row last: holding it keeps the next batch in the middle of its transaction.
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`SELECT 1 FROM projection_state WHERE name = 'dossier' FOR UPDATE`);
    const { dossiers, events } = generateDossiers({ count: 80, firstDay: '2026-05-04', lastDay: '2026-05-29', units: [{ code: '05983', weight: 1 }], seed: 3 });
    await reporting.publish(events);
    await waitFor('a batch waiting for the row', async () => {
      const [{ waiting }] = await dataSource.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      return waiting === 1;
    });
    // The database ends the leader's connection, as a restart would; the batch cannot commit.
    await dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1`,
      [PROJECTION_LOCK_KEY],
    );
    await blocker.rollbackTransaction();
    await blocker.release();

    await reporting.caughtUp(30_000);
    const [{ applied, orphans }] = await dataSource.query(`SELECT events_applied AS applied, orphan_events AS orphans FROM projection_state WHERE name = 'dossier'`);
    expect({ applied: Number(applied), orphans: Number(orphans) }).toEqual({ applied: events.length, orphans: 0 });
    const [{ facts }] = await dataSource.query('SELECT count(*)::int AS facts FROM dossier_facts');
    expect(facts).toBe(dossiers.length);
  });
});
