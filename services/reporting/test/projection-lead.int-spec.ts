import { DataSource } from 'typeorm';
import { waitFor } from '@mc/local-infra';
import { generateDossiers } from '../src/bench/synthetic-dossiers';
import { DossierProjector } from '../src/projection/dossier-projector';
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
