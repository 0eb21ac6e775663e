import { randomUUID } from 'node:crypto';
import type { Principal } from '@mc/auth';
import { GetDossier } from '../src/dossiers/get-dossier';
import { GetDossierHistory } from '../src/history/get-dossier-history';
import { TrackDossier } from '../src/tracking/track-dossier';
import { accepted, actOnDossier, counterSubmission, failure, receiveDossier, startDossier, type TestDossierService } from './support';

/** A citizen as the issuer's token makes them: the verified ID number only once it was proven. */
const citizen = (username: string, verifiedIdNumber?: string, subject: string = randomUUID()): Principal => ({
  subject,
  username,
  kind: 'citizen',
  roles: [{ role: 'citizen', unit: '', path: '' }],
  clientId: 'mot-cua-web',
  ...(verifiedIdNumber ? { verifiedIdNumber } : {}),
});

const online = (idNumber: string, fullName = 'Hoàng Văn Nam') =>
  counterSubmission({
    channel: 'online',
    receivingUnitCode: '05983',
    applicant: { kind: 'individual', fullName, idNumber, phone: '0912345678' },
  });

describe('online dossiers are attributed to the ID number the filer proved, never to the one it typed', () => {
  let running: TestDossierService;
  const read = (dossierId: string, who: Principal) => running.service.app.get(GetDossier).execute({ dossierId }, who);
  const stored = async (dossierId: string) =>
    (
      (await running.service.dataSource.query(
        'SELECT owner_subject, applicant_id_number, representative_subject, representative_username, representative_id_number FROM dossiers WHERE id = $1',
        [dossierId],
      )) as Record<string, string | null>[]
    )[0];

  beforeAll(async () => {
    running = await startDossier();
    running.clock.set('2026-03-10T09:00:00+07:00');
  });
  afterAll(() => running?.close());

  it('records an unproven account’s filing as a representative’s, lets it only track by code and token, and shows it to the applicant once proven', async () => {
    const squatter = citizen('020095001234');
    const { dossier, receipt } = accepted(await receiveDossier(running, online('020095001234'), squatter));

    expect(dossier.representative).toEqual({ username: '020095001234', verifiedIdNumber: null, onBehalfOf: '020095001234' });
    expect(await stored(dossier.id)).toEqual({
      owner_subject: squatter.subject,
      applicant_id_number: '020095001234',
      representative_subject: squatter.subject,
      representative_username: '020095001234',
      representative_id_number: null,
    });
    // Claiming the number in the username proves nothing: no reading, no history, no withdrawing.
    expect(await failure(read(dossier.id, squatter))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(running.service.app.get(GetDossierHistory).entries({ dossierId: dossier.id }, squatter))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(actOnDossier(running, dossier.id, 'withdraw', squatter, { reason: 'Rút hồ sơ' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await running.service.app.get(TrackDossier).execute(receipt.code, receipt.tracking.token)).toMatchObject({ code: receipt.code });

    // The person who proves the number sees the dossier, and who filed it for them.
    const holder = citizen('020095001234', '020095001234');
    expect((await read(dossier.id, holder)).representative).toEqual({ username: '020095001234', verifiedIdNumber: null, onBehalfOf: '020095001234' });
  });

  it('files a proven citizen’s own dossier as the applicant’s, and one for another person as their representative, seen by both once proven', async () => {
    const mai = citizen('020190000123', '020190000123');
    const own = accepted(await receiveDossier(running, online('020190000123', 'Lý Thị Mai'), mai)).dossier;
    expect(own.representative).toBeNull();
    expect((await read(own.id, mai)).applicant).toMatchObject({ idNumber: '020190000123' });

    const forFather = accepted(await receiveDossier(running, online('020088004567', 'Lý Văn Sơn'), mai)).dossier;
    expect(forFather.representative).toEqual({ username: '020190000123', verifiedIdNumber: '020190000123', onBehalfOf: '020088004567' });
    expect((await read(forFather.id, mai)).representative).toMatchObject({ verifiedIdNumber: '020190000123' });

    const fatherUnproven = citizen('020088004567');
    const father = citizen('020088004567', '020088004567');
    expect(await failure(read(forFather.id, fatherUnproven))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await read(forFather.id, father)).representative).toMatchObject({ username: '020190000123', onBehalfOf: '020088004567' });
    expect(await failure(read(own.id, father))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not show what an account filed before its proof to whoever proves the account’s number later', async () => {
    const subject = randomUUID();
    const before = citizen('020190000999', undefined, subject);
    const { dossier } = accepted(await receiveDossier(running, online('020095007777', 'Người Khác'), before));

    const provenLater = citizen('020190000999', '020190000999', subject);
    expect(await failure(read(dossier.id, provenLater))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await read(dossier.id, citizen('020095007777', '020095007777'))).representative).toMatchObject({ verifiedIdNumber: null });
  });
});
