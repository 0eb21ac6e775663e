import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RecordResultSignature } from '../src/result-signatures/record-result-signature';
import {
  accepted,
  actOnDossier,
  approvedDossier,
  clerk,
  counterSubmission,
  publishedEvents,
  receiveDossier,
  startDossier,
  type TestDossierService,
} from './support';

describe('what receipt and result issue tell reporting', () => {
  let running: TestDossierService;
  let dataSource: DataSource;
  const resultSigned = (dossierCode: string) =>
    running.service.app.get(RecordResultSignature).execute({
      id: randomUUID(),
      type: 'signature.recorded',
      version: 1,
      source: 'signatures',
      occurredAt: new Date().toISOString(),
      data: {
        signatureId: randomUUID(),
        kind: 'result',
        dossierCode,
        signer: 'lanhdao.lvt',
        unitCode: '05983',
        documentId: randomUUID(),
        documentSha256: 'ab'.repeat(32),
        certificateSerial: '01',
        signedAt: new Date().toISOString(),
      },
    });

  beforeAll(async () => {
    running = await startDossier();
    dataSource = running.service.app.get(DataSource);
    running.clock.set('2026-03-02T08:00:00+07:00');
  });
  afterAll(() => running?.close());

  it('keeps whether each component was digitised or reused, and puts the receipt facts on the received event', async () => {
    const { dossier, receipt } = accepted(
      await receiveDossier(
        running,
        counterSubmission({
          applicant: { kind: 'organisation', name: 'Công ty TNHH Hữu Nghị', taxCode: '0101234567' },
          components: [
            { name: 'Tờ khai đăng ký kết hôn', digitised: true },
            { name: 'Giấy xác nhận tình trạng hôn nhân', digitised: true, reusedFromStore: true },
            { name: 'Văn bản ủy quyền' },
          ],
          returnMethod: 'electronic',
        }),
      ),
    );
    const expected = [
      { name: 'Tờ khai đăng ký kết hôn', copyType: 'original', quantity: 1, digitised: true, reusedFromStore: false },
      { name: 'Giấy xác nhận tình trạng hôn nhân', copyType: 'original', quantity: 1, digitised: true, reusedFromStore: true },
      { name: 'Văn bản ủy quyền', copyType: 'original', quantity: 1, digitised: false, reusedFromStore: false },
    ];
    expect(receipt.components).toEqual(expected);
    expect(dossier.components).toEqual(expected);
    const [{ components }] = await dataSource.query('SELECT components FROM dossiers WHERE id = $1', [dossier.id]);
    expect(components).toEqual(expected);

    const individual = accepted(await receiveDossier(running, counterSubmission())).dossier;
    const received = await publishedEvents<Record<string, unknown>>(running, 'received');
    expect(received.find((event) => event.data.dossierId === dossier.id)?.data).toMatchObject({
      code: dossier.code,
      procedureName: 'Đăng ký kết hôn',
      fieldCode: 'ho_tich',
      applicantName: 'Công ty TNHH Hữu Nghị',
      returnMethod: 'electronic',
      components: { total: 3, digitised: 2, reused: 1 },
    });
    expect(received.find((event) => event.data.dossierId === individual.id)?.data).toMatchObject({
      applicantName: 'Hoàng Văn Nam',
      returnMethod: 'counter',
      components: { total: 2, digitised: 0, reused: 0 },
    });
  });

  it('shows a dossier stored before the flags existed with both false', async () => {
    const { dossier } = accepted(await receiveDossier(running, counterSubmission()));
    await dataSource.query(`UPDATE dossiers SET components = '[{"name": "Tờ khai", "copyType": "original", "quantity": 1}]' WHERE id = $1`, [
      dossier.id,
    ]);
    const view = await actOnDossier(running, dossier.id, 'hand_over', clerk);
    expect(view.components).toEqual([{ name: 'Tờ khai', copyType: 'original', quantity: 1, digitised: false, reusedFromStore: false }]);
  });

  it('issues an electronic result by default only when the result is returned electronically, and as asked otherwise', async () => {
    const cases = [
      { returnMethod: 'electronic', asked: undefined, expected: true },
      { returnMethod: 'counter', asked: undefined, expected: false },
      { returnMethod: 'counter', asked: true, expected: true },
      { returnMethod: 'electronic', asked: false, expected: false },
    ] as const;
    const ids: string[] = [];
    for (const { returnMethod, asked, expected } of cases) {
      const { id, code } = (await approvedDossier(running, { returnMethod })).dossier;
      // An electronic result is issued once the leader's signature of it is recorded, as the signatures service's event brings it.
      if (expected) await resultSigned(code);
      const [{ electronic_result: before }] = await dataSource.query('SELECT electronic_result FROM dossiers WHERE id = $1', [id]);
      expect(before).toBeNull();
      await actOnDossier(running, id, 'issue_result', clerk, asked === undefined ? {} : { electronicResult: asked });
      ids.push(id);
    }
    const issued = await publishedEvents<{ dossierId: string; electronicResult?: boolean }>(running, 'result-issued');
    for (const [index, { expected }] of cases.entries()) {
      const id = ids[index];
      const [{ electronic_result: stored }] = await dataSource.query('SELECT electronic_result FROM dossiers WHERE id = $1', [id]);
      expect({ index, stored }).toEqual({ index, stored: expected });
      expect({ index, event: issued.find((event) => event.data.dossierId === id)?.data.electronicResult }).toEqual({ index, event: expected });
    }
  });
});
