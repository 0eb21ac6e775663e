import { randomUUID } from 'node:crypto';
import { catalogService } from '@mc/catalog';
import { dossierResultIssuedV1, dossierReturnedV1, dossierSupplementReceivedV1, eventEnvelope, postalOrderStatusChangedV1 } from '@mc/contracts';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { waitFor } from '@mc/local-infra';
import { MailSink, SmsGatewaySimulator, ZaloZnsSimulator } from '@mc/message-providers-simulator';
import { createNotificationsModule, notificationsService } from '@mc/notifications';
import { CLOCK } from '@mc/service-runtime';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

const CALLBACK_TOKEN = 'provider-callback-test-token-2026';
const PROCEDURE = '1.999301';

/**
 * Citizen notifications against the provider simulators, through the events
 * the real dossier service publishes for real actions taken through the
 * gateway. Only the notifications service's clock is set by the test (real
 * time shifted), for the quiet hours.
 */
describe('citizen notifications through real events', () => {
  let platform: InProcessPlatform;
  let sms: SmsGatewaySimulator;
  let zalo: ZaloZnsSimulator;
  let mail: MailSink;
  let shiftMs = 0;
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);
  /** Shifts the notifications clock so that it reads `vietnamTime` (hh:mm) today, Vietnam time, or `days` later. */
  const setVietnamTime = (hhmm: string, days = 0) => {
    const now = Date.now();
    const today = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
    shiftMs = new Date(`${today}T${hhmm}:00+07:00`).getTime() + days * 86_400_000 - now;
  };
  const notifications = () => platform.services[3]!.dataSource;

  const act = async (code: string, who: string, action: string, extra: Record<string, unknown> = {}) => {
    const reply = await call('POST', `/dossiers/${code}/actions`, who, { action, ...extra });
    expect(reply).toMatchObject({ status: 200 });
    return reply.body;
  };
  const receive = async (name: string, phone: string, email: string | undefined, channels: string[], consent = true) => {
    const reply = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: PROCEDURE,
      channel: 'counter',
      applicant: { kind: 'individual', fullName: name, idNumber: '020095001234', phone, ...(email ? { email } : {}) },
      components: [{ name: 'Tờ khai' }],
      notifications: { channels, consent },
    });
    expect(reply.status).toBe(201);
    return { code: reply.body.receipt.code as string, dossierId: reply.body.dossier.id as string, dueAtDisplay: reply.body.receipt.dueAtDisplay as string };
  };
  /** A dossier event as the dossier service would publish it, at the time given: how a consumer lagging behind would hand it over. */
  const publishDossierEvent = async (
    definition: typeof dossierResultIssuedV1 | typeof dossierReturnedV1 | typeof dossierSupplementReceivedV1,
    dossier: { code: string; dossierId: string },
    occurredAt: Date,
    extra: Record<string, unknown>,
  ) => {
    const at = occurredAt.toISOString();
    const event = eventEnvelope<unknown>(
      definition,
      {
        dossierId: dossier.dossierId,
        code: dossier.code,
        procedureCode: PROCEDURE,
        receivingUnitCode: '05983',
        competentUnitCode: '05983',
        state: 'in_progress',
        step: null,
        dueAt: new Date(occurredAt.getTime() + 86_400_000).toISOString(),
        occurredAt: at,
        actor: 'tiepnhan.lvt',
        ...extra,
      },
      at,
    );
    const { bus } = platform.services[0]!;
    await bus.js.publish(bus.subject(definition.subject), JSON.stringify(event), { msgID: event.id });
    return event.id;
  };
  const messageOf = async (eventId: string) =>
    (await notifications().query(`SELECT status, attempts FROM messages WHERE event_id = $1 AND channel = 'sms'`, [eventId]))[0] as { status: string; attempts: number } | undefined;
  const smsTo = (phone: string) => sms.sent.filter((message) => message.phone === phone);
  const znsTo = (phone: string) => zalo.sent.filter((message) => message.phone === `84${phone.slice(1)}`);
  const mailTo = (address: string) => mail.mail.filter((message) => message.to.includes(address));
  /** Waits until the outboxes are empty, the notifications consumers have nothing pending, and no due message is unsent. */
  const settled = async () => {
    await dossierCaughtUp(platform, 60_000);
    const { bus } = platform.services[0]!;
    await waitFor('the notifications consumers caught up', async () => {
      for (const producer of ['DOSSIER', 'POSTAL'] as const) {
        const stream = bus.streamName(`EVT_${producer}`);
        for await (const consumer of bus.jsm.consumers.list(stream)) {
          if (consumer.name.startsWith('notifications__') && (consumer.num_pending > 0 || consumer.num_ack_pending > 0)) return false;
        }
      }
      return true;
    }, 60_000);
    await waitFor('every due notification sent', async () => {
      const [{ n }] = await notifications().query(`SELECT count(*)::int AS n FROM messages WHERE status = 'pending' AND next_attempt_at <= $1`, [new Date(Date.now() + shiftMs)]);
      return n === 0;
    }, 30_000);
  };

  beforeAll(async () => {
    sms = await SmsGatewaySimulator.start({ apiKey: 'sms-test-key-2026', callbackToken: CALLBACK_TOKEN, reportDelayMs: 100 });
    zalo = await ZaloZnsSimulator.start({ accessToken: 'zalo-test-token-2026', callbackToken: CALLBACK_TOKEN, reportDelayMs: 100 });
    mail = await MailSink.start();
    setVietnamTime('10:00');
    const notifier = { ...notificationsService, module: createNotificationsModule({ clock: { provide: CLOCK, useValue: { now: () => new Date(Date.now() + shiftMs) } } }) };
    platform = await startInProcess([identityService, catalogService, dossierService, notifier], {
      DOSSIER_DEADLINE_CHECK_MS: '0',
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_API_KEY: 'sms-test-key-2026',
      ZALO_ZNS_URL: zalo.url,
      ZALO_ACCESS_TOKEN: 'zalo-test-token-2026',
      SMTP_PORT: String(mail.smtpPort),
      PROVIDER_CALLBACK_TOKEN: CALLBACK_TOKEN,
      PUBLIC_BASE_URL: 'https://dichvucong.tinh.gov.vn',
      NOTIFY_SEND_INTERVAL_MS: '50',
      NOTIFY_RETRY_BASE_MS: '100',
      NOTIFY_MAX_ATTEMPTS: '6',
    });
    const providers = `${platform.gateway.url}/api/v1/notifications/providers`;
    sms.reportUrl = `${providers}/sms/reports`;
    sms.inboundUrl = `${providers}/sms/inbound`;
    zalo.reportUrl = `${providers}/zalo/reports`;
    for (const username of ['admin.tinh', 'tiepnhan.lvt', 'vanthu.lvt', 'chuyenvien.lvt', 'lanhdao.lvt', 'chuyenvien.dk']) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: PROCEDURE,
      name: 'Đăng ký kết hôn (thử thông báo)',
      components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy chứng nhận kết hôn' },
    });
    await waitFor('the commune known to the catalog', async () => (await call('GET', '/calendar/2026?unit=05983', null)).status === 200);
    await waitFor('the commune known to notifications', async () => (await notifications().query(`SELECT 1 FROM known_units WHERE code = '05983'`)).length === 1);
    await dossierCaughtUp(platform, 120_000);
    // Four services starting on a shared machine: room for a slow start.
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
    await Promise.all([sms?.close(), zalo?.close(), mail?.close()]);
  });

  it('tells the applicant of every event, once per chosen channel, with the template of its kind and the dossier data', async () => {
    const phone = '0912000001';
    const email = 'hoang.nam@example.vn';
    const first = await receive('Hoàng Văn Nam', phone, email, ['sms', 'zalo', 'email']);
    await act(first.code, 'tiepnhan.lvt', 'hand_over');
    await act(first.code, 'vanthu.lvt', 'hand_over');
    await act(first.code, 'chuyenvien.lvt', 'request_supplement', { reason: 'Thiếu giấy tờ.', missing: ['Giấy xác nhận tình trạng hôn nhân'] });
    await act(first.code, 'tiepnhan.lvt', 'receive_supplement');
    await act(first.code, 'chuyenvien.lvt', 'hand_over');
    await act(first.code, 'lanhdao.lvt', 'approve');
    await act(first.code, 'tiepnhan.lvt', 'issue_result');
    await act(first.code, 'tiepnhan.lvt', 'return_result', { returnMethod: 'counter' });

    const second = await receive('Vi Thị Lan', '0912000002', 'vi.lan@example.vn', ['sms', 'zalo', 'email']);
    await act(second.code, 'tiepnhan.lvt', 'hand_over');
    await act(second.code, 'vanthu.lvt', 'hand_over');
    const dossier = await call('GET', `/dossiers/${second.code}`, 'lanhdao.lvt');
    const newDueAt = new Date(new Date(dossier.body.dueAt).getTime() + 3 * 86_400_000).toISOString();
    await act(second.code, 'lanhdao.lvt', 'apologise', { reason: 'Cần xác minh thêm tại nơi cư trú.', newDueAt });
    await act(second.code, 'lanhdao.lvt', 'stop', { reason: 'Người yêu cầu đề nghị dừng giải quyết.' });

    // The post delivers the first dossier's result: the postal service's event, as its operator webhook route publishes it.
    const delivered = eventEnvelope(postalOrderStatusChangedV1, {
      orderId: randomUUID(),
      leg: 'return',
      waybill: 'EB123456789VN',
      status: 'delivered',
      eventTime: '2026-12-07T03:15:00.000Z',
      reason: null,
      slip: null,
      dossierId: first.dossierId,
      submission: null,
    });
    const { bus } = platform.services[0]!;
    await bus.ensureEventStream('postal');
    await bus.js.publish(bus.subject(postalOrderStatusChangedV1.subject), JSON.stringify(delivered), { msgID: delivered.id });
    await settled();
    await waitFor('the post delivery told', async () => smsTo(phone).length === 6);
    await settled();

    // One message per event and channel is the promise, not their order: a batch goes to the providers side
    // by side, and events of different subjects come through different consumers.
    const texts = smsTo(phone).map((message) => message.content);
    expect(texts).toHaveLength(6);
    expect(texts).toEqual(expect.arrayContaining([
      expect.any(String),
      expect.stringMatching(new RegExp(`^Hồ sơ ${first.code} cần bổ sung: Giấy xác nhận tình trạng hôn nhân\\. Nộp trước \\d\\d/\\d\\d/\\d{4} tại Phường Lương Văn Tri\\.$`)),
      expect.stringContaining(`Hồ sơ ${first.code} đã nhận đủ bổ sung, tiếp tục giải quyết.`),
      expect.stringContaining(`Hồ sơ ${first.code} đã có kết quả. Nhận kết quả: tại Bộ phận Một cửa, Phường Lương Văn Tri`),
      `Hồ sơ ${first.code} đã trả kết quả (nhận tại Bộ phận Một cửa). Cảm ơn ông/bà.`,
      `Kết quả hồ sơ ${first.code} đã được bưu chính phát lúc 10:15 07/12/2026, mã bưu gửi EB123456789VN.`,
    ]));
    expect(texts.find((text) => text.includes('đã được tiếp nhận'))).toMatch(new RegExp(`^Hồ sơ ${first.code} đã được tiếp nhận, hẹn trả ${first.dueAtDisplay.slice(6)}\\. Tra cứu: https://dichvucong\\.tinh\\.gov\\.vn/api/v1/tracking/${first.code}\\?token=\\S+$`));
    // Zalo gets the approved template's id and its data; e-mail the subject and text of its kind.
    expect(znsTo(phone).map((message) => message.templateId).sort()).toEqual(['310001', '310002', '310003', '310004', '310005', '310006']);
    expect(znsTo(phone).find((message) => message.templateId === '310002')!.templateData).toMatchObject({ code: first.code, missing: 'Giấy xác nhận tình trạng hôn nhân', reason: 'Thiếu giấy tờ.' });
    expect(mailTo(email).map((message) => message.subject).sort()).toEqual([
      `Hồ sơ ${first.code} đã được tiếp nhận`,
      `Hồ sơ ${first.code} cần bổ sung, hoàn thiện`,
      `Hồ sơ ${first.code} đã nhận phần bổ sung`,
      `Hồ sơ ${first.code} đã có kết quả`,
      `Hồ sơ ${first.code} đã trả kết quả`,
      `Kết quả hồ sơ ${first.code} đã được bưu chính phát`,
    ].sort());
    expect(mailTo(email)[0]!.text).toContain('Kính gửi Hoàng Văn Nam,');

    expect(smsTo('0912000002')).toHaveLength(3);
    expect(smsTo('0912000002').map((message) => message.content)).toEqual(expect.arrayContaining([
      expect.stringContaining(`Hồ sơ ${second.code} đã được tiếp nhận`),
      expect.stringMatching(new RegExp(`^Xin lỗi ông/bà: hồ sơ ${second.code} trả kết quả chậm\\. Hẹn lại ngày \\d\\d/\\d\\d/\\d{4}\\.$`)),
      `Hồ sơ ${second.code} đã dừng giải quyết. Lý do: Người yêu cầu đề nghị dừng giải quyết. Liên hệ Phường Lương Văn Tri.`,
    ]));
    expect(znsTo('0912000002').map((message) => message.templateId).sort()).toEqual(['310001', '310007', '310008']);
    expect(mailTo('vi.lan@example.vn').filter((message) => message.text.includes('Mẫu số 04'))).toHaveLength(1);

    // The providers' delivery reports come back through the gateway.
    await waitFor('the delivery reports recorded', async () => {
      const rows: { status: string }[] = await notifications().query(`SELECT status FROM messages WHERE channel IN ('sms', 'zalo') AND dossier_code = $1`, [first.code]);
      return rows.length === 12 && rows.every((row) => row.status === 'delivered');
    }, 60_000);
  });

  it('sends nothing more when an event is delivered again', async () => {
    const phone = '0912000003';
    const { code } = await receive('Lò Văn Dũng', phone, undefined, ['sms', 'zalo']);
    await settled();
    expect(smsTo(phone)).toHaveLength(1);
    expect(znsTo(phone)).toHaveLength(1);
    const { bus } = platform.services[0]!;
    const stream = bus.streamName('EVT_DOSSIER');
    const last = await bus.jsm.streams.getMessage(stream, { last_by_subj: bus.subject('evt.dossier.dossier.received') });
    expect(JSON.parse(last!.string()).data.code).toBe(code);
    // The same event published again under another message id, as a relay past the dedupe window would.
    await bus.js.publish(bus.subject('evt.dossier.dossier.received'), last!.data, { msgID: randomUUID() });
    await waitFor('the copy consumed', async () => {
      const info = await bus.jsm.consumers.info(stream, 'notifications__evt_dossier_dossier_received');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    await settled();
    expect(smsTo(phone)).toHaveLength(1);
    expect(znsTo(phone)).toHaveLength(1);
  });

  it('delivers once when the SMS gateway fails three times and then recovers', async () => {
    const phone = '0912000004';
    sms.failNext(3);
    const { code } = await receive('Hà Thị Mai', phone, undefined, ['sms']);
    await settled();
    const row = await waitFor('the SMS recorded as sent', async () => {
      const [message] = await notifications().query(`SELECT status, attempts FROM messages WHERE dossier_code = $1`, [code]);
      return message?.status === 'sent' || message?.status === 'delivered' ? message : undefined;
    });
    expect(row.attempts).toBe(4);
    expect(smsTo(phone)).toHaveLength(1);
  });

  it('holds a non-urgent SMS in the quiet hours until the morning, while e-mail goes at once', async () => {
    setVietnamTime('22:30');
    const phone = '0912000005';
    const { code } = await receive('Nông Văn Tú', phone, 'nong.tu@example.vn', ['sms', 'email']);
    await dossierCaughtUp(platform, 60_000);
    await waitFor('the e-mail sent', async () => mailTo('nong.tu@example.vn').length === 1);
    const held = await waitFor('the SMS held', async () => {
      const [message] = await notifications().query(`SELECT status, next_attempt_at, created_at FROM messages WHERE dossier_code = $1 AND channel = 'sms'`, [code]);
      return message && message.next_attempt_at.getTime() !== message.created_at.getTime() ? message : undefined;
    });
    expect(held.status).toBe('pending');
    // 07:00 the next morning, Vietnam time.
    expect(new Date(new Date(held.next_attempt_at).getTime() + 7 * 3_600_000).toISOString().slice(11, 16)).toBe('07:00');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smsTo(phone)).toHaveLength(0);
    setVietnamTime('07:01', 1);
    await waitFor('the SMS sent in the morning', async () => smsTo(phone).length === 1);
    setVietnamTime('10:00');
  });

  it('answers a status request only to the phone on the dossier, and refuses anyone else without saying why', async () => {
    const phone = '0912000006';
    const { code } = await receive('Lương Thị Hoa', phone, undefined, ['sms']);
    await settled();
    // At night: the citizen asked, so the answer is not held.
    setVietnamTime('23:00');
    await sms.textShortCode(phone, `mc ${code}`);
    await sms.textShortCode('0987000001', `MC ${code}`);
    await sms.textShortCode('0987000001', 'MC 05983-261207-9999');
    await waitFor('the answers sent', async () => smsTo(phone).length === 2 && smsTo('0987000001').length === 2, 60_000);
    setVietnamTime('10:00');
    expect(smsTo(phone)[1]!.content).toMatch(new RegExp(`^Hồ sơ ${code}: Đang giải quyết\\. Hẹn trả \\d\\d/\\d\\d/\\d{4}\\.$`));
    const refusals = smsTo('0987000001').map((message) => message.content);
    expect(refusals[0]).toBe(refusals[1]);
    expect(refusals[0]).not.toContain(code);
    expect(refusals[0]).toContain('Không tra cứu được hồ sơ');
  });

  it('gives up on a number the gateway refuses and shows it to the clerk as a dead letter', async () => {
    const { code } = await receive('Triệu Văn Sơn', '0212345678', undefined, ['sms']);
    await settled();
    const dead = await call('GET', '/notifications/dead-letters', 'tiepnhan.lvt');
    expect(dead.status).toBe(200);
    expect(dead.body.messages).toEqual(
      expect.arrayContaining([expect.objectContaining({ dossierCode: code, channel: 'sms', kind: 'received', recipient: '0212***678', lastError: expect.stringContaining('Invalid phone') })]),
    );
    expect((await call('GET', '/notifications/dead-letters', null)).status).toBe(401);
  });

  it('lets the province admin add a template version, refusing a field the kind does not have', async () => {
    const refused = await call('POST', '/notifications/templates', 'admin.tinh', { kind: 'received', channel: 'sms', body: 'Hồ sơ {{code}} của {{idNumber}}' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('{{idNumber}}');
    expect((await call('POST', '/notifications/templates', 'tiepnhan.lvt', { kind: 'received', channel: 'sms', body: 'Hồ sơ {{code}}' })).status).toBe(403);
    const saved = await call('POST', '/notifications/templates', 'admin.tinh', { kind: 'received', channel: 'sms', body: 'Đã nhận hồ sơ {{code}}, hẹn trả {{dueDate}}.' });
    expect(saved).toMatchObject({ status: 201, body: { kind: 'received', channel: 'sms', version: 2, createdBy: 'admin.tinh' } });
    const phone = '0912000007';
    const { code } = await receive('Đinh Văn Hải', phone, undefined, ['sms']);
    await settled();
    expect(smsTo(phone)[0]!.content).toMatch(new RegExp(`^Đã nhận hồ sơ ${code}, hẹn trả \\d\\d/\\d\\d/\\d{4}\\.$`));
    const list = await call('GET', '/notifications/templates', 'admin.tinh');
    expect(list.body.templates.find((template: { kind: string; channel: string }) => template.kind === 'received' && template.channel === 'sms')).toMatchObject({ version: 2 });
  });

  it('counts the cost per channel and the staff notices of the unit', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const costs = await call('GET', `/notifications/costs?from=${today}&to=${today}`, 'admin.tinh');
    expect(costs.status).toBe(200);
    const smsLine = costs.body.lines.find((line: { channel: string }) => line.channel === 'sms');
    // The SMS held overnight went out "tomorrow" by the shifted clock, so it counts on another day.
    const [{ units }] = await notifications().query(
      `SELECT sum(units)::int AS units FROM messages WHERE channel = 'sms' AND (sent_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $1::date`,
      [today],
    );
    expect(smsLine).toEqual({ channel: 'sms', messages: expect.any(Number), units, cost: units * 800 });
    expect(units).toBeGreaterThan(smsLine.messages);
    const notices = await call('GET', '/notifications/staff-notices', 'tiepnhan.lvt');
    expect(notices.status).toBe(200);
    expect(notices.body.notices).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'new_in_queue', unitCode: '05983' })]));
    const later = await call('GET', `/notifications/staff-notices?since=${encodeURIComponent(notices.body.latest)}`, 'tiepnhan.lvt');
    expect(later.body.notices).toEqual([]);
  });

  it('tells a dossier’s news in the order it happened: a later message waits for an earlier one being retried, and one overtaken by later news is not sent', async () => {
    const phone = '0912000008';
    const dossier = await receive('Mã Văn Kiên', phone, undefined, ['sms']);
    await settled();
    expect(smsTo(phone)).toHaveLength(1);
    // Event times after the receipt's, a second apart.
    const start = Date.now();
    // The result message fails at the gateway and waits for retries (100, 200, 400, 800 ms); "returned", which happened later, is queued meanwhile.
    sms.failNext(5);
    const result = await publishDossierEvent(dossierResultIssuedV1, dossier, new Date(start + 1_000), {});
    await waitFor('the result message failing', async () => ((await messageOf(result))?.attempts ?? 0) >= 1);
    const returned = await publishDossierEvent(dossierReturnedV1, dossier, new Date(start + 2_000), { state: 'returned', onTime: true, lateForReporting: false, returnMethod: 'counter' });
    await waitFor('the returned message queued', async () => (await messageOf(returned)) !== undefined);
    // The scenario holds only if the earlier message is still unsent when the later one is queued.
    expect((await messageOf(result))?.status).toBe('pending');
    await waitFor('both sent', async () => smsTo(phone).length === 3, 60_000);
    const texts = smsTo(phone).map((message) => message.content);
    expect(texts[1]).toContain(`Hồ sơ ${dossier.code} đã có kết quả.`);
    expect(texts[2]).toContain(`Hồ sơ ${dossier.code} đã trả kết quả`);

    // An event from before the return, handled only now (its consumer lagged): its message is superseded, not sent.
    const late = await publishDossierEvent(dossierSupplementReceivedV1, dossier, new Date(start + 1_500), { pausedWorkingMilliseconds: 0 });
    await waitFor('the late message superseded', async () => (await messageOf(late))?.status === 'superseded');
    await settled();
    expect(smsTo(phone)).toHaveLength(3);
  });

  it('honours a change of channels made after receipt: TC stops what follows, DK brings it back on the channels named', async () => {
    const phone = '0912000009';
    const email = 'be.thu@example.vn';
    const { code } = await receive('Bế Thị Thu', phone, email, ['sms', 'email']);
    await settled();
    expect(smsTo(phone)).toHaveLength(1);
    expect(mailTo(email)).toHaveLength(1);

    await sms.textShortCode(phone, `TC ${code}`);
    await waitFor('the withdrawal confirmed', async () => smsTo(phone).length === 2);
    expect(smsTo(phone)[1]!.content).toBe(`Đã ngừng gửi thông báo về hồ sơ ${code}. Muốn nhận lại, soạn DK ${code} gửi tổng đài.`);
    await act(code, 'tiepnhan.lvt', 'hand_over');
    await act(code, 'vanthu.lvt', 'hand_over');
    await act(code, 'chuyenvien.lvt', 'request_supplement', { reason: 'Thiếu giấy tờ.', missing: ['Bản sao giấy khai sinh'] });
    await settled();
    expect(smsTo(phone)).toHaveLength(2);
    expect(mailTo(email)).toHaveLength(1);
    expect(await notifications().query(`SELECT 1 FROM messages WHERE dossier_code = $1 AND kind = 'supplement_requested'`, [code])).toEqual([]);

    // Another number cannot change someone's channels, and learns nothing.
    await sms.textShortCode('0987000002', `DK ${code} ZALO`);
    await waitFor('the stranger refused', async () => smsTo('0987000002').length === 1);
    expect(smsTo('0987000002')[0]!.content).toContain('Không tra cứu được hồ sơ');
    expect(znsTo(phone)).toHaveLength(0);

    await sms.textShortCode(phone, `dk ${code} zalo email`);
    await waitFor('the new channels confirmed', async () => smsTo(phone).length === 3);
    expect(smsTo(phone)[2]!.content).toBe(`Từ nay thông báo về hồ sơ ${code} được gửi qua: Zalo, thư điện tử.`);
    await act(code, 'tiepnhan.lvt', 'receive_supplement');
    await settled();
    await waitFor('the supplement told on Zalo and by e-mail', async () => znsTo(phone).length === 1 && mailTo(email).length === 2);
    expect(znsTo(phone)[0]!.templateId).toBe('310003');
    expect(mailTo(email)[1]!.subject).toBe(`Hồ sơ ${code} đã nhận phần bổ sung`);
    expect(smsTo(phone)).toHaveLength(3);
  });

  it('cancels what was queued and not yet sent when the citizen withdraws consent', async () => {
    setVietnamTime('22:30');
    const phone = '0912000010';
    const { code } = await receive('Hứa Văn Quang', phone, undefined, ['sms']);
    await dossierCaughtUp(platform, 60_000);
    await waitFor('the receipt SMS held for the night', async () => {
      const [message] = await notifications().query(`SELECT next_attempt_at, created_at FROM messages WHERE dossier_code = $1 AND kind = 'received'`, [code]);
      return message && message.next_attempt_at.getTime() !== message.created_at.getTime();
    });
    // The citizen's own text is answered at once, night or not.
    await sms.textShortCode(phone, `TC ${code}`);
    await waitFor('the withdrawal confirmed', async () => smsTo(phone).length === 1);
    expect(smsTo(phone)[0]!.content).toContain('Đã ngừng gửi thông báo');
    setVietnamTime('07:01', 1);
    await settled();
    setVietnamTime('10:00');
    expect(smsTo(phone)).toHaveLength(1);
    expect(await notifications().query(`SELECT status FROM messages WHERE dossier_code = $1 AND kind = 'received'`, [code])).toEqual([{ status: 'withdrawn' }]);
  });

  it('keeps each staff member’s own reading of the notices of their unit', async () => {
    const unread = await call('GET', '/notifications/staff-notices?unread=true', 'chuyenvien.lvt');
    expect(unread.status).toBe(200);
    const notices: { id: string; at: string; read: boolean }[] = unread.body.notices;
    expect(notices.length).toBeGreaterThan(1);
    expect(notices.every((notice) => !notice.read)).toBe(true);
    expect(unread.body.unread).toBeGreaterThanOrEqual(notices.length);
    // Newest first for the bell.
    expect([...notices].sort((a, b) => b.at.localeCompare(a.at)).map((notice) => notice.id)).toEqual(notices.map((notice) => notice.id));
    const first = notices[0]!;

    const marked = await call('POST', '/notifications/staff-notices/read', 'chuyenvien.lvt', { ids: [first.id] });
    expect(marked).toMatchObject({ status: 200, body: { marked: 1, unread: unread.body.unread - 1 } });
    expect((await call('POST', '/notifications/staff-notices/read', 'chuyenvien.lvt', { ids: [first.id] })).body).toEqual({ marked: 0, unread: unread.body.unread - 1 });
    const after = await call('GET', '/notifications/staff-notices?unread=true', 'chuyenvien.lvt');
    expect(after.body.notices.map((notice: { id: string }) => notice.id)).not.toContain(first.id);
    // A colleague still has it unread; staff of another commune cannot mark it.
    const colleague = await call('GET', `/notifications/staff-notices?since=${encodeURIComponent(new Date(new Date(first.at).getTime() - 1).toISOString())}`, 'tiepnhan.lvt');
    expect(colleague.body.notices.find((notice: { id: string }) => notice.id === first.id)).toMatchObject({ read: false });
    expect((await call('POST', '/notifications/staff-notices/read', 'chuyenvien.dk', { ids: [notices[1]!.id] })).body).toMatchObject({ marked: 0 });
    const bad = await call('POST', '/notifications/staff-notices/read', 'chuyenvien.lvt', { ids: ['khong-phai-ma'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Mã thông báo không hợp lệ');
  });
});
