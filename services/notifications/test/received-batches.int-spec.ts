import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEAD_LETTER_STREAM, deadLetterSubject, dossierReceivedV1, dossierResultIssuedV1, type EventEnvelope } from '@mc/contracts';
import { waitFor } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { notificationsService } from '../src';
import { RecordReceivedDossiers } from '../src/dossiers/record-received-dossiers';
import { dossierEvent, startNotifications } from './support';

const RECEIVED = dossierReceivedV1.subject;

const receipt = (name: string, contact: { phone: string; consent: boolean } | null): EventEnvelope =>
  dossierEvent(dossierReceivedV1, {
    state: 'in_progress',
    step: 'tiep-nhan',
    channelCode: 1,
    receivedAt: new Date().toISOString(),
    procedureVersion: 1,
    procedureName: 'Đăng ký khai tử',
    applicantName: name,
    returnMethod: 'counter',
    ...(contact ? { contact: { phone: contact.phone, email: null, channels: ['sms'], consent: contact.consent } } : {}),
  });

const resultIssued = (received: EventEnvelope): EventEnvelope => {
  const { dossierId, code } = received.data as { dossierId: string; code: string };
  return dossierEvent(dossierResultIssuedV1, { dossierId, code, state: 'result_ready', step: 'tra-ket-qua' }, new Date(Date.parse(received.occurredAt) + 60_000).toISOString());
};

const dossierIdOf = (event: EventEnvelope) => (event.data as { dossierId: string }).dossierId;

/** Receipts are read in batches: a few statements per batch, each receipt still written once, parked news still told, a poison receipt set aside alone. */
describe('receipts handled in batches', () => {
  let platform: Awaited<ReturnType<typeof startNotifications>>;
  let service: RunningService;
  let dataSource: DataSource;
  const publish = (subject: string, event: EventEnvelope) => platform.publish(subject, event);
  const rows = async (sql: string, params: unknown[]) => (await dataSource.query(sql, params)) as Record<string, unknown>[];
  const written = async (events: EventEnvelope[]) => {
    const ids = events.map((event) => event.id);
    const [{ dossiers, notices, messages }] = await rows(
      `SELECT (SELECT count(*) FROM dossiers WHERE id = ANY($1::uuid[]))::int AS dossiers,
              (SELECT count(*) FROM staff_notices WHERE event_id = ANY($2::text[]))::int AS notices,
              (SELECT count(*) FROM messages WHERE event_id = ANY($2::text[]))::int AS messages`,
      [events.map(dossierIdOf), ids],
    );
    return { dossiers, notices, messages };
  };

  // Published before the service starts, so that the first fetch takes them as one batch.
  const consenting = receipt('Nguyễn Thị Hoa', { phone: '0912000101', consent: true });
  const declined = receipt('Trần Văn Bình', { phone: '0912000102', consent: false });
  const silent = receipt('Lê Văn Cường', null);
  const poison: EventEnvelope = { ...receipt('Phạm Văn Dũng', null), data: { dossierId: randomUUID(), code: 'không hợp lệ' } };

  beforeAll(async () => {
    platform = await startNotifications({ BUS_MAX_DELIVER: '2', BUS_RETRY_DELAY_MS: '50' });
    for (const event of [consenting, poison, declined, silent]) await publish(RECEIVED, event);
    service = await platform.start();
    dataSource = service.dataSource;
  }, 120_000);

  afterAll(() => platform?.close());

  it('applies the rest of a batch and dead-letters the poison receipt alone', async () => {
    await waitFor('the good receipts applied', async () => (await written([consenting, declined, silent])).notices === 3, 60_000);
    const { publisher } = platform;
    const stream = publisher.streamName(DEAD_LETTER_STREAM);
    const letter = await waitFor(
      'the poison receipt dead-lettered',
      () => publisher.jsm.streams.getMessage(stream, { last_by_subj: publisher.subject(deadLetterSubject('notifications', RECEIVED)) }).catch(() => undefined),
      60_000,
    );
    expect(JSON.parse(letter!.string()).id).toBe(poison.id);
    expect(await written([poison])).toEqual({ dossiers: 0, notices: 0, messages: 0 });
    // Only the applicant who consented is told; every receiving unit gets its notice.
    expect(await written([consenting])).toEqual({ dossiers: 1, notices: 1, messages: 1 });
    expect(await written([declined, silent])).toEqual({ dossiers: 2, notices: 2, messages: 0 });
    const [notice] = await rows('SELECT kind, unit_code, text FROM staff_notices WHERE event_id = $1', [consenting.id]);
    expect(notice).toEqual({ kind: 'new_in_queue', unit_code: '05983', text: expect.stringMatching(/^Hồ sơ mới 05983-261207-\d{5} \(Đăng ký khai tử\), hẹn trả \d{2}\/\d{2}\/\d{4}\.$/) });
    const [declinedRow] = await rows('SELECT consent, phone, channels FROM dossiers WHERE id = $1', [dossierIdOf(declined)]);
    expect(declinedRow).toEqual({ consent: false, phone: null, channels: [] });
  });

  it('writes nothing twice when a batch is handled again, with a new receipt in it', async () => {
    const record = service.app.get(RecordReceivedDossiers);
    const fresh = receipt('Vũ Thị Lan', { phone: '0912000103', consent: true });
    await dataSource.transaction((manager) => record.execute(manager, [consenting, declined, fresh]));
    await dataSource.transaction((manager) => record.execute(manager, [consenting, declined, fresh, fresh]));
    expect(await written([consenting, declined, fresh])).toEqual({ dossiers: 3, notices: 3, messages: 2 });
    // And through the bus: the same receipts delivered again under new message ids.
    for (const event of [consenting, declined, silent]) await publish(RECEIVED, event);
    const durable = 'notifications__evt_dossier_dossier_received';
    await waitFor('the copies consumed', async () => {
      const info = await platform.publisher.jsm.consumers.info(platform.publisher.streamName('EVT_DOSSIER'), durable);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    expect(await written([consenting, declined, silent, fresh])).toEqual({ dossiers: 4, notices: 4, messages: 2 });
  });

  it('writes each receipt once with a second replica running beside the first', async () => {
    const second = await startBusService(notificationsService, platform.serviceEnv);
    try {
      const receipts = Array.from({ length: 40 }, (_, index) => receipt(`Hà Văn ${index}`, { phone: `0913${String(index).padStart(6, '0')}`, consent: index % 2 === 0 }));
      // Each receipt twice, as a relay past the dedupe window would publish it.
      await Promise.all([...receipts, ...receipts].map((event) => publish(RECEIVED, event)));
      await waitFor('the receipts applied', async () => (await written(receipts)).notices === 40, 60_000);
      await waitFor('the receipts acknowledged', async () => {
        const info = await platform.publisher.jsm.consumers.info(platform.publisher.streamName('EVT_DOSSIER'), 'notifications__evt_dossier_dossier_received');
        return info.num_pending === 0 && info.num_ack_pending === 0;
      });
      expect(await written(receipts)).toEqual({ dossiers: 40, notices: 40, messages: 20 });
    } finally {
      await second.close();
    }
  });

  it('tells the news that came before the receipt, after the receipt, in order', async () => {
    const late = receipt('Đỗ Thị Mai', { phone: '0912000104', consent: true });
    const result = resultIssued(late);
    await publish(dossierResultIssuedV1.subject, result);
    await waitFor('the result parked', async () => (await rows('SELECT 1 FROM parked_events WHERE event_id = $1', [result.id])).length === 1, 60_000);
    await publish(RECEIVED, late);
    await waitFor('the parked result replayed', async () => (await rows('SELECT 1 FROM parked_events WHERE dossier_id = $1', [dossierIdOf(late)])).length === 0, 60_000);
    const told = await rows(`SELECT kind FROM messages WHERE dossier_id = $1 ORDER BY event_at`, [dossierIdOf(late)]);
    expect(told).toEqual([{ kind: 'received' }, { kind: 'result_ready' }]);
    const [dossier] = await rows('SELECT state FROM dossiers WHERE id = $1', [dossierIdOf(late)]);
    expect(dossier).toEqual({ state: 'result_ready' });
  });
});
