import { randomUUID } from 'node:crypto';
import { dossierPostalOrderReceivedV1, dossierReceivedV1, eventStreamName } from '@mc/contracts';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { durableName, ensureDurableConsumer } from '@mc/messaging';
import { postalService, RETIRED_RECEIVED_DURABLE } from '@mc/postal';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { DEMO_UNITS_FILE } from './support';

/**
 * Postal once read every receipt through a durable of its own; it now reads
 * only the receipts of its orders. A deploy must neither drop the receipts the
 * old durable still held (one of them may name an order) nor keep the durable,
 * which the stream would go on filling for nobody.
 */
describe('the durable of every receipt, left by the previous postal version', () => {
  let database: TestDatabase;
  let postal: RunningService | undefined;
  const namespace = testNamespace();
  const env = () => ({
    DATABASE_URL: database.url,
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: namespace,
    OIDC_ISSUER: 'http://127.0.0.1:9',
    DEMO_UNITS_FILE,
    BUS_RETRY_DELAY_MS: '100',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await postal?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  const receipt = (postalOrderId?: string) => ({
    id: randomUUID(),
    type: dossierReceivedV1.type,
    version: 1,
    source: 'dossier',
    occurredAt: new Date().toISOString(),
    data: {
      dossierId: randomUUID(),
      code: `05983-261207-${String(Math.floor(Math.random() * 9000) + 1000)}`,
      procedureCode: '1.999301',
      procedureVersion: 1,
      receivingUnitCode: '05983',
      competentUnitCode: '05983',
      state: 'in_progress',
      step: 'tiep-nhan',
      dueAt: new Date().toISOString(),
      occurredAt: new Date().toISOString(),
      receivedAt: new Date().toISOString(),
      channelCode: 3,
      actor: 'buudien',
      ...(postalOrderId ? { postalOrderId } : {}),
    },
  });

  it('links the order named by a receipt the old durable still held, then deletes that durable; the new one reads only postal receipts', async () => {
    // A first start builds the schema; the order exists before the previous version's durable holds its receipt.
    postal = await startBusService(postalService, env());
    const { bus, dataSource } = postal;
    const orderId = randomUUID();
    await dataSource.query(
      `INSERT INTO orders (id, leg, procedure_code, receiving_unit_code, address, contact, requested_by, created_at)
       VALUES ($1, 'pickup', '1.999301', '05983', '{}', '{}', 'tiepnhan.lvt', now())`,
      [orderId],
    );
    const stream = await ensureDurableConsumer(bus, {
      producer: 'dossier',
      durable: RETIRED_RECEIVED_DURABLE,
      subject: dossierReceivedV1.subject,
      maxDeliver: 5,
      ackWaitMs: 30_000,
      maxAckPending: 1_000,
    });
    const named = receipt(orderId);
    for (const event of [receipt(), named, receipt()]) {
      await bus.js.publish(bus.subject(dossierReceivedV1.subject), JSON.stringify(event), { msgID: event.id });
    }
    await postal.close();

    postal = await startBusService(postalService, env());
    const restarted = postal;
    await waitFor('the order linked to its dossier', async () => {
      const [row] = await restarted.dataSource.query('SELECT dossier_id, dossier_code FROM orders WHERE id = $1', [orderId]);
      return row?.dossier_id === named.data.dossierId && row.dossier_code === named.data.code;
    });
    await waitFor('the old durable deleted', async () => (await restarted.bus.jsm.consumers.info(stream, RETIRED_RECEIVED_DURABLE).catch(() => null)) === null);

    const current = await restarted.bus.jsm.consumers.info(stream, durableName('postal', dossierPostalOrderReceivedV1.subject));
    expect(current.config.filter_subject).toBe(restarted.bus.subject(dossierPostalOrderReceivedV1.subject));
    expect(stream).toBe(restarted.bus.streamName(eventStreamName('dossier')));
    // Once: the inbox holds the one receipt that named an order.
    expect(await restarted.dataSource.query("SELECT event_id FROM inbox WHERE consumer = 'postal.dossier-received'")).toEqual([{ event_id: named.id }]);
  });
});
