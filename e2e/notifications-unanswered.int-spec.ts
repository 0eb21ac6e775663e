import { randomUUID } from 'node:crypto';
import { freePort, waitFor } from '@mc/local-infra';
import { MailSink, ZaloZnsSimulator } from '@mc/message-providers-simulator';
import { createNotificationsModule, notificationsService } from '@mc/notifications';
import { CLOCK } from '@mc/service-runtime';
import { startInProcess, type InProcessPlatform } from './support';

const CALLBACK_TOKEN = 'provider-callback-unanswered-2026';
const WAIT_MS = 15 * 60_000;
const id8 = () => randomUUID().slice(0, 8);

/**
 * A provider that takes a message and answers too late (or never): the
 * message is not sent again blindly but waits, as `unconfirmed`, for a
 * delivery report naming it, and only after NOTIFY_UNCONFIRMED_WAIT_MS
 * without one is it sent once more. A provider that cannot be reached at all
 * is retried as any failure. The notifications service alone, its clock set
 * by the test, with the gateway for the providers' reports.
 */
describe('a provider that does not answer in time', () => {
  let platform: InProcessPlatform;
  let zalo: ZaloZnsSimulator;
  let mail: MailSink;
  let shiftMs = 0;
  const notifications = () => platform.services[0]!.dataSource;

  /** A due message as the event consumer queues it (no dossier: the order of a dossier's news is another test's subject). */
  const queue = async (channel: 'sms' | 'zalo' | 'email', recipient: string) => {
    const id = randomUUID();
    const now = new Date(Date.now() + shiftMs);
    await notifications().query(
      `INSERT INTO messages (id, event_id, channel, kind, recipient, template_version, subject, body, params, zns_template_id, urgent, next_attempt_at, created_at, event_at)
       VALUES ($1, $2, $3, 'received', $4, 1, $5, 'Hồ sơ H57.99-261207-0001 đã được tiếp nhận.', '{"code":"H57.99-261207-0001"}', $6, true, $7, $7, $7)`,
      [id, randomUUID(), channel, recipient, channel === 'email' ? 'Hồ sơ đã được tiếp nhận' : null, channel === 'zalo' ? '310001' : null, now],
    );
    return id;
  };
  const messageRow = async (id: string) =>
    (await notifications().query('SELECT status, attempts, provider_message_id, last_error FROM messages WHERE id = $1', [id]))[0] as {
      status: string;
      attempts: number;
      provider_message_id: string | null;
      last_error: string | null;
    };
  const statusBecomes = (id: string, status: string) => waitFor(`message ${status}`, async () => (await messageRow(id)).status === status, 30_000, 20);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    // The report comes well after the timeout, so the message is seen waiting before it is confirmed.
    zalo = await ZaloZnsSimulator.start({ accessToken: 'zalo-unanswered-token', callbackToken: CALLBACK_TOKEN, reportDelayMs: 3_000, perSecond: 1_000 });
    mail = await MailSink.start();
    const notifier = { ...notificationsService, module: createNotificationsModule({ clock: { provide: CLOCK, useValue: { now: () => new Date(Date.now() + shiftMs) } } }) };
    platform = await startInProcess([notifier], {
      // Nothing listens there: the gateway's connection is refused.
      SMS_GATEWAY_URL: `http://127.0.0.1:${await freePort()}`,
      ZALO_ZNS_URL: zalo.url,
      ZALO_ACCESS_TOKEN: 'zalo-unanswered-token',
      SMTP_PORT: String(mail.smtpPort),
      PROVIDER_CALLBACK_TOKEN: CALLBACK_TOKEN,
      NOTIFY_SEND_INTERVAL_MS: '50',
      NOTIFY_RETRY_BASE_MS: '100',
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_PROVIDER_TIMEOUT_MS: '500',
      NOTIFY_UNCONFIRMED_WAIT_MS: String(WAIT_MS),
    });
    zalo.reportUrl = `${platform.gateway.url}/api/v1/notifications/providers/zalo/reports`;
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
    await zalo?.close();
    await mail?.close();
  });

  it('waits for Zalo’s report on a message it answered late, which confirms it: taken once, never sent again', async () => {
    zalo.answerDelayMs = 2_000;
    const id = await queue('zalo', '0912000001');
    await statusBecomes(id, 'unconfirmed');
    zalo.answerDelayMs = 0;
    const taken = () => zalo.sent.filter((zns) => zns.trackingId === id);
    expect(taken()).toHaveLength(1);

    await statusBecomes(id, 'delivered');
    expect(await messageRow(id)).toMatchObject({ status: 'delivered', attempts: 1, provider_message_id: taken()[0]!.msgId });
    shiftMs += WAIT_MS + 60_000;
    // Several send passes after the wait would have ended.
    await pause(1_000);
    expect(taken()).toHaveLength(1);
    expect((await messageRow(id)).status).toBe('delivered');
  });

  it('sends an e-mail the relay kept without answering once more, only after the wait, with the same Message-ID', async () => {
    mail.answerDelayMs = 3_000;
    const id = await queue('email', `cong.dan.${id8()}@example.vn`);
    await statusBecomes(id, 'unconfirmed');
    mail.answerDelayMs = 0;
    const kept = () => mail.mail.filter((caught) => caught.messageId === `<${id}@mot-cua>`);
    expect(kept()).toHaveLength(1);

    await pause(1_000);
    expect((await messageRow(id)).status).toBe('unconfirmed');
    expect(kept()).toHaveLength(1);

    shiftMs += WAIT_MS + 1_000;
    await statusBecomes(id, 'sent');
    await pause(500);
    expect(kept()).toHaveLength(2);
    expect(await messageRow(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('retries an e-mail whose recipient the relay put off (451 at RCPT) as any failure: one mail', async () => {
    mail.failNext(1);
    const id = await queue('email', `cong.dan.${id8()}@example.vn`);
    await statusBecomes(id, 'sent');
    expect(await messageRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(mail.mail.filter((caught) => caught.messageId === `<${id}@mot-cua>`)).toHaveLength(1);
  });

  it('retries an SMS whose gateway refuses the connection, as before, up to a dead letter', async () => {
    const id = await queue('sms', '0912000002');
    await statusBecomes(id, 'dead');
    const row = await messageRow(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row.last_error).toContain('ECONNREFUSED');
  });
});
