import { catalogService } from '@mc/catalog';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { waitFor } from '@mc/local-infra';
import { SmsGatewaySimulator } from '@mc/message-providers-simulator';
import { notificationsService } from '@mc/notifications';
import { startBusService } from '@mc/service-runtime';
import { gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, dossierCaughtUp, type InProcessPlatform } from './support';

/** How long the notifications service stays down while receipts go on; the ten minutes is NOTIFY_OUTAGE_SECONDS=600. */
const OUTAGE_SECONDS = Number(process.env.NOTIFY_OUTAGE_SECONDS ?? 5);
const RECEIPTS_PER_SECOND = 2;

/**
 * Fault test: the notifications service is stopped while dossiers keep being
 * received, and started again. Every applicant gets their receipt SMS once:
 * nothing the dossier service published in the meantime is lost, nothing is
 * sent twice.
 */
describe('notifications stopped during a stream of receipts', () => {
  let platform: InProcessPlatform;
  let sms: SmsGatewaySimulator;
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);
  const phoneOf = (index: number) => `09${String(100_000_000 + index).slice(1)}`;
  const env = (extra: Record<string, string>) => ({
    DOSSIER_DEADLINE_CHECK_MS: '0',
    SMS_GATEWAY_URL: sms.url,
    SMS_GATEWAY_API_KEY: 'sms-outage-key-2026',
    // Daytime all day: quiet hours are another test's subject.
    SMS_QUIET_FROM: '00:00',
    SMS_QUIET_UNTIL: '00:00',
    NOTIFY_SEND_INTERVAL_MS: '50',
    ...extra,
  });

  const receive = async (index: number) => {
    const reply = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999302',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: `Nguyễn Văn ${index}`, idNumber: '020095001234', phone: phoneOf(index) },
      components: [{ name: 'Tờ khai' }],
      notifications: { channels: ['sms'], consent: true },
    });
    expect(reply.status).toBe(201);
  };

  beforeAll(async () => {
    sms = await SmsGatewaySimulator.start({ apiKey: 'sms-outage-key-2026', callbackToken: 'unused-callback-token-2026', perSecond: 1_000 });
    platform = await startInProcess([identityService, catalogService, dossierService, notificationsService], env({}));
    for (const username of ['admin.tinh', 'tiepnhan.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: '1.999302',
      name: 'Thủ tục thử nghiệm mất dịch vụ thông báo',
      components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy chứng nhận' },
    });
    await waitFor('the commune known to the catalog', async () => (await call('GET', '/calendar/2026?unit=05983', null)).status === 200);
    await dossierCaughtUp(platform, 120_000);
    // Four services starting on a shared machine: room for a slow start.
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
    await sms?.close();
  });

  it('sends every receipt SMS exactly once after it is back', async () => {
    let index = 0;
    for (; index < 5; index += 1) await receive(index);
    await waitFor('the first receipts told', async () => sms.sent.length === 5, 60_000);

    const stopped = platform.services.pop()!;
    await stopped.close();
    const until = Date.now() + OUTAGE_SECONDS * 1_000;
    while (Date.now() < until) {
      await receive(index);
      index += 1;
      await new Promise((resolve) => setTimeout(resolve, 1_000 / RECEIPTS_PER_SECOND));
    }
    expect(sms.sent).toHaveLength(5);

    platform.services.push(await startBusService(notificationsService, env(platform.env)));
    const total = index;
    await waitFor('every receipt told', async () => sms.sent.length >= total, 120_000 + OUTAGE_SECONDS * 500);
    // Anything sent twice would arrive within a few send intervals.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sms.sent).toHaveLength(total);
    const phones = sms.sent.map((message) => message.phone).sort();
    expect(phones).toEqual(Array.from({ length: total }, (_, n) => phoneOf(n)).sort());
  }, 240_000 + OUTAGE_SECONDS * 2_500);
});
