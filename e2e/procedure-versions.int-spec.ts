import path from 'node:path';
import { catalogService } from '@mc/catalog';
import { CLOCK, createDossierModule, dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { repoRoot } from '@mc/local-infra';
import { dossierCaughtUp, gatewayCaller, passwordToken, startInProcess, type InProcessPlatform } from './support';

/**
 * A dossier keeps the procedure version in force when it was received: a
 * version published later, with another processing time, applies only to
 * dossiers received on or after its effective date. The dossier service's
 * clock is moved to that date; the catalog, identity and gateway are real.
 */
describe('procedure versions and the dossiers received under them', () => {
  let platform: InProcessPlatform;
  let now = new Date();
  const tokens: Record<string, string> = {};

  const call = gatewayCaller(() => platform, tokens);
  const receive = async () => {
    const inForce = await call('GET', `/catalog/procedures/1.001193/versions/in-force?at=${now.toISOString().slice(0, 10)}`, null);
    const components = (inForce.body.components as { name: string }[]).map(({ name }) => ({ name }));
    return call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.001193',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Hoàng Thị Thu', idNumber: '020195001234' },
      components,
    });
  };

  beforeAll(async () => {
    const dossier = { ...dossierService, module: createDossierModule({ clock: { provide: CLOCK, useValue: { now: () => now } } }) };
    platform = await startInProcess([identityService, catalogService, dossier], {
      DEMO_CATALOG_FILE: path.join(repoRoot(), 'infra/demo/catalog/procedures.json'),
      DOSSIER_CALENDAR_SOURCE: 'default-profile',
    });
    for (const username of ['admin.tinh', 'tiepnhan.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
  });
  afterAll(() => platform?.stop());

  it('keeps the first version for a dossier received before the second took effect', async () => {
    const first = await receive();
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe('accepted');
    const firstCode = first.body.receipt.code as string;
    expect(first.body.receipt.dueAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    const firstVersion = (await call('GET', `/dossiers/${firstCode}`, 'tiepnhan.lvt')).body.procedure.version as number;

    const draft = await call('POST', '/catalog/procedures/1.001193/versions', 'admin.tinh', {
      effectiveFrom: '2030-01-01',
      processingTime: { value: 5, unit: 'working_days', sameDayCutoff: false },
    });
    expect(draft.status).toBe(201);
    const next = draft.body.version as number;
    expect(next).toBe(firstVersion + 1);
    expect((await call('POST', `/catalog/procedures/1.001193/versions/${next}/publish`, 'admin.tinh')).status).toBe(200);
    await dossierCaughtUp(platform);

    // Received today, the new version is not yet in force.
    const sameDay = await receive();
    expect(sameDay.status).toBe(201);
    expect((await call('GET', `/dossiers/${sameDay.body.receipt.code}`, 'tiepnhan.lvt')).body.procedure.version).toBe(firstVersion);

    now = new Date('2030-01-07T09:00:00+07:00'); // a Monday once the new version applies
    const later = await receive();
    expect(later.status).toBe(201);
    const laterDossier = (await call('GET', `/dossiers/${later.body.receipt.code}`, 'tiepnhan.lvt')).body;
    expect(laterDossier.procedure.version).toBe(next);
    // 5 working days from Monday 07/01/2030 09:00 → Monday 14/01/2030 17:00.
    expect(later.body.receipt.dueAtDisplay).toBe('17:00 14/01/2030');

    const firstAgain = (await call('GET', `/dossiers/${firstCode}`, 'tiepnhan.lvt')).body;
    expect(firstAgain.procedure.version).toBe(firstVersion);
    expect(firstAgain.dueAt).toBe(first.body.receipt.dueAt);
  });
});
