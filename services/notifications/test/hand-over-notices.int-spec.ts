import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dossierHandedOverV1, type EventEnvelope } from '@mc/contracts';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { Bus } from '@mc/messaging';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { notificationsService } from '../src';

const handedOver = (step: { key: string; name?: string }): EventEnvelope => {
  const at = new Date().toISOString();
  const code = `05983-261207-${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
  return {
    id: randomUUID(),
    type: dossierHandedOverV1.type,
    version: 1,
    source: 'dossier',
    occurredAt: at,
    data: dossierHandedOverV1.schema.parse({
      dossierId: randomUUID(),
      code,
      procedureCode: '1.001022',
      receivingUnitCode: '05983',
      competentUnitCode: '05983',
      state: 'in_progress',
      step: step.key,
      dueAt: '2026-12-10T10:00:00.000Z',
      occurredAt: at,
      actor: 'tiepnhan.lvt',
      fromStep: 'tiep-nhan',
      toStep: step.key,
      ...(step.name ? { toStepName: step.name } : {}),
      verdict: 'on_time',
    }),
  };
};

/** The clerk reads the step a dossier came to by its name, not by the workflow's key. */
describe('staff notice of a hand-over', () => {
  let database: TestDatabase;
  let namespace: string;
  let publisher: Bus;
  let service: RunningService;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    namespace = testNamespace();
    publisher = await Bus.connect({ url: testNatsUrl(), namespace, service: 'dossier' });
    await publisher.ensureEventStream('dossier');
    service = await startBusService(notificationsService, {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      LOG_LEVEL: 'silent',
      NOTIFY_SEND_INTERVAL_MS: '60000',
    });
    dataSource = service.dataSource;
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await publisher?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  const noticeOf = async (event: EventEnvelope) => {
    await publisher.js.publish(publisher.subject(dossierHandedOverV1.subject), JSON.stringify(event), { msgID: randomUUID() });
    return waitFor('the staff notice of the hand-over', async () => {
      const rows = (await dataSource.query('SELECT kind, unit_code, text FROM staff_notices WHERE event_id = $1', [event.id])) as Record<string, string>[];
      return rows[0];
    });
  };

  it('names the step the dossier came to', async () => {
    const event = handedOver({ key: 'tham-dinh', name: 'Thẩm định hồ sơ' });
    const code = (event.data as { code: string }).code;
    expect(await noticeOf(event)).toEqual({
      kind: 'new_in_queue',
      unit_code: '05983',
      text: `Hồ sơ ${code} được chuyển đến bước "Thẩm định hồ sơ", hẹn trả 10/12/2026.`,
    });
  });

  it('still reads an event written before events carried the step name', async () => {
    const event = handedOver({ key: 'tham-dinh' });
    expect((await noticeOf(event)).text).toContain('được chuyển đến bước "tham-dinh"');
  });
});
