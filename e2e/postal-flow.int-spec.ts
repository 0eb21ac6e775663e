import { catalogService } from '@mc/catalog';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { waitFor } from '@mc/local-infra';
import { postalService } from '@mc/postal';
import { PostalOperatorSimulator } from '@mc/postal-operator-simulator';
import { reportingService } from '@mc/reporting';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

const SECRET = 'buu-dien-test-secret-2026';
const CITIZEN = { idNumber: '020095001234', fullName: 'Hoàng Thị Lan', password: 'MatKhau@2026!' };

/**
 * BCCI end to end through the gateway, against the operator simulator: a
 * citizen online orders a pickup with postal return, from an address in the
 * former Chi Lăng district; the simulator picks the dossier up and hands it
 * to the centre (the receipt, channel post), the commune decides, the post
 * collects the result and delivers it (the dossier returned by post). Every
 * postal step is in the dossier's history and on the tracking page, and the
 * reports count the dossier as received by post and returned by post.
 */
describe('a dossier picked up and returned by post, through the gateway', () => {
  let platform: InProcessPlatform;
  let operator: PostalOperatorSimulator;
  const tokens: Record<string, string> = {};

  const call = gatewayCaller(() => platform, tokens);
  const act = async (code: string, who: string, action: string) => {
    const reply = await call('POST', `/dossiers/${code}/actions`, who, { action });
    expect(reply.status).toBe(200);
  };
  const order = (overrides: Record<string, unknown> = {}) => ({
    procedureCode: '1.999101',
    receivingUnitCode: '05983',
    applicant: { kind: 'individual', fullName: 'Hoàng Thị Lan', idNumber: '020095001234', phone: '0912345678' },
    components: [{ name: 'Tờ khai đăng ký khai sinh' }],
    pickupAddress: { provinceCode: '20', districtCode: '187', communeCode: '06466', street: 'Số 12, khu Thống Nhất' },
    returnByPost: true,
    contact: { name: 'Hoàng Thị Lan', phone: '0912345678' },
    collectedFees: 0,
    ...overrides,
  });

  beforeAll(async () => {
    // Duplicates and late reports, as operators send them; no failed delivery, so the result reaches the citizen.
    operator = await PostalOperatorSimulator.start({ secret: SECRET, stepMs: 300, seed: 7, duplicateRate: 0.3, outOfOrderRate: 0.3 });
    platform = await startInProcess([identityService, catalogService, dossierService, postalService, reportingService], {
      DOSSIER_DEADLINE_CHECK_MS: '0',
      POSTAL_OPERATOR_URL: operator.url,
      POSTAL_OPERATOR_SECRET: SECRET,
      POSTAL_RELAY_INTERVAL_MS: '50',
    });
    operator.webhookUrl = `${platform.gateway.url}/api/v1/postal/webhooks`;
    for (const username of ['admin.tinh', 'tiepnhan.lvt', 'vanthu.lvt', 'chuyenvien.lvt', 'lanhdao.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
    const registered = await call('POST', '/citizens', null, { idNumber: CITIZEN.idNumber, fullName: CITIZEN.fullName, phone: '0912345678', password: CITIZEN.password });
    expect(registered.status).toBe(202);
    tokens.citizen = await passwordToken(platform.issuer, CITIZEN.idNumber, CITIZEN.password);
    await publishThreeDayProcedure(call, {
      code: '1.999101',
      name: 'Đăng ký khai sinh (thử nghiệm bưu chính)',
      components: [{ name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy khai sinh' },
    });
    await publishThreeDayProcedure(call, {
      code: '1.999102',
      name: 'Cấp phiếu lý lịch tư pháp (thử nghiệm, không qua bưu chính)',
      components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Phiếu lý lịch tư pháp' },
      channels: { counter: true, online: 'partial', postalPickup: false, postalReturn: false },
    });
    await dossierCaughtUp(platform);
  });

  afterAll(async () => {
    await platform?.stop();
    await operator?.close();
  });

  it('goes from the citizen’s online order to pickup, receipt at the centre, result and delivery, each postal step in the history and on the tracking page', async () => {
    const placed = await call('POST', '/postal/orders', 'citizen', order());
    expect(placed.status).toBe(201);
    // Thị trấn Chi Lăng (06466) of the former Chi Lăng district is part of Xã Chi Lăng (06463) since 01/07/2025.
    expect(placed.body).toMatchObject({
      leg: 'pickup',
      status: 'queued',
      address: { provinceCode: '20', communeCode: '06463', communeName: 'Xã Chi Lăng', mappedFrom: { districtCode: '187', communeCode: '06466' } },
    });
    const orderId = placed.body.id as string;

    // The citizen follows their own order until the centre has received the dossier.
    const linked = await waitFor(
      'the pickup handed to the centre and received',
      async () => {
        const view = (await call('GET', `/postal/orders/${orderId}`, 'citizen')).body;
        return view.dossierCode ? view : undefined;
      },
      15_000,
    );
    expect(linked).toMatchObject({ status: 'handed_to_centre', waybill: expect.stringMatching(/^EL\d{8}VN$/), postage: 28_000 });
    const code = linked.dossierCode as string;
    const dossier = (await call('GET', `/dossiers/${code}`, 'tiepnhan.lvt')).body;
    expect(dossier).toMatchObject({ channelCode: 3, state: 'in_progress', returnMethod: 'post' });

    await act(code, 'tiepnhan.lvt', 'hand_over');
    await act(code, 'vanthu.lvt', 'hand_over');
    await act(code, 'chuyenvien.lvt', 'hand_over');
    await act(code, 'lanhdao.lvt', 'approve');
    await act(code, 'tiepnhan.lvt', 'issue_result');

    await waitFor('the result delivered and the dossier returned by post', async () => {
      const history = (await call('GET', `/dossiers/${code}/history`, 'tiepnhan.lvt')).body as unknown as { details: { status?: string } }[];
      const returned = (await call('GET', `/dossiers/${code}`, 'tiepnhan.lvt')).body.state === 'returned';
      return returned && history.some((entry) => entry.details.status === 'delivered');
    }, 15_000);
    expect((await call('GET', `/dossiers/${code}`, 'tiepnhan.lvt')).body).toMatchObject({ state: 'returned', returnMethod: 'post' });

    // The run did meet both faults; each step still comes out once below.
    expect(operator.faults.duplicates).toBeGreaterThan(0);
    expect(operator.faults.outOfOrder).toBeGreaterThan(0);
    const history = (await call('GET', `/dossiers/${code}/history`, 'tiepnhan.lvt')).body as unknown as { action: string; details: Record<string, unknown> }[];
    const postal = history.filter((entry) => entry.action === 'postal').map((entry) => `${entry.details.leg}:${entry.details.status}`);
    expect(postal.sort()).toEqual(
      ['pickup:accepted', 'pickup:picked_up', 'pickup:handed_to_centre', 'return:accepted', 'return:result_collected', 'return:delivered'].sort(),
    );
    expect(history.find((entry) => entry.details.status === 'picked_up')?.details.slip).toMatchObject({ number: expect.stringMatching(/^PBC-/) });
    expect(history.map((entry) => entry.action)).toContain('hand_to_post');
    expect((await call('GET', `/dossiers/${code}/history/verification`, 'tiepnhan.lvt')).body).toMatchObject({ valid: true });

    // The receipt went to the post with the dossier; the test reads the token where the receipt took it from.
    const [{ tracking_token: trackingToken }] = await platform.services[2]!.dataSource.query('SELECT tracking_token FROM dossiers WHERE code = $1', [code]);
    const tracking = await call('GET', `/tracking/${code}?token=${encodeURIComponent(trackingToken)}`, null);
    expect(tracking.status).toBe(200);
    expect(tracking.body.postalSteps.map((step: { leg: string; status: string }) => `${step.leg}:${step.status}`)).toEqual([
      'pickup:accepted',
      'pickup:picked_up',
      'pickup:handed_to_centre',
      'return:accepted',
      'return:result_collected',
      'return:delivered',
    ]);

    // Reporting's projection records the channel and the return, and the reports count both.
    const reporting = platform.services[4]!.dataSource;
    await waitFor('the return in the reporting projection', async () => {
      const [fact] = await reporting.query('SELECT return_method FROM dossier_facts WHERE code = $1', [code]);
      return fact?.return_method === 'post';
    }, 15_000);
    expect(await reporting.query('SELECT channel_code, state, return_method FROM dossier_facts WHERE code = $1', [code])).toEqual([
      { channel_code: 3, state: 'returned', return_method: 'post' },
    ]);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const scope = `unitCode=05983&from=${today}&to=${today}`;
    const byChannel = await call('GET', `/reports/timeliness?${scope}&groupBy=channel`, 'lanhdao.lvt');
    expect(byChannel.status).toBe(200);
    expect(byChannel.body.rows).toEqual([expect.objectContaining({ key: '3', received: 1, receivedPostal: 1 })]);
    const indicators = await call('GET', `/reports/indicators?${scope}`, 'lanhdao.lvt');
    expect(indicators.status).toBe(200);
    const postalShare = (indicators.body.indicators as { key: string; inputs: { name: string; value: number }[] }[]).find((indicator) => indicator.key === 'postal_share');
    expect(postalShare?.inputs).toEqual([
      { name: 'Hồ sơ tiếp nhận qua bưu chính', value: 1 },
      { name: 'Kết quả trả qua bưu chính', value: 1 },
      { name: 'Hồ sơ tiếp nhận trong kỳ', value: 1 },
      { name: 'Kết quả đã trả trong kỳ', value: 1 },
    ]);
  });

  it('refuses a postal order for a procedure excluded from BCCI, with what to do instead', async () => {
    const refused = await call('POST', '/postal/orders', 'tiepnhan.lvt', order({ procedureCode: '1.999102' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('không tiếp nhận hồ sơ qua dịch vụ bưu chính công ích') });
  });

  it('refuses a legacy address with only the former district, and a commune outside the district it names', async () => {
    const districtOnly = await call('POST', '/postal/orders', 'tiepnhan.lvt', order({ pickupAddress: { provinceCode: '20', districtCode: '187', street: 'Thôn Bản Lải' } }));
    expect(districtOnly.status).toBe(400);
    expect(districtOnly.body.error.message).toBe('Địa chỉ chỉ có Huyện Chi Lăng (đã không còn cấp huyện từ 01/07/2025): ghi rõ xã, phường nơi nhận.');
    const elsewhere = await call('POST', '/postal/orders', 'tiepnhan.lvt', order({ pickupAddress: { provinceCode: '20', districtCode: '187', communeCode: '05983', street: 'Số 1' } }));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details.issues[0].path).toBe('pickupAddress.communeCode');
    expect(Number((await platform.services[3]!.dataSource.query("SELECT count(*) AS n FROM orders WHERE leg = 'pickup'"))[0].n)).toBe(1);
  });

  it('finds the mismatch planted in the operator’s daily statement, and tells the clerk what to do', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const [pickup] = await platform.services[3]!.dataSource.query("SELECT waybill FROM orders WHERE leg = 'pickup'");
    const clean = await call('POST', '/postal/reconciliations', 'tiepnhan.lvt', { day: today });
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ day: today, orders: 2, totals: { postage: 28_000 + 32_000, collectedFees: 0 }, mismatches: [] });

    operator.plantStatementChange(pickup.waybill, { collectedFees: 50_000 });
    const found = await call('POST', '/postal/reconciliations', 'tiepnhan.lvt', { day: today });
    expect(found.body.mismatches).toEqual([
      {
        waybill: pickup.waybill,
        kind: 'fees_differ',
        ours: { postage: 28_000, collectedFees: 0 },
        theirs: { postage: 28_000, collectedFees: 50_000 },
        action: expect.stringContaining('đối chiếu biên lai thu'),
      },
    ]);
    expect((await call('POST', '/postal/reconciliations', 'tiepnhan.lvt', { day: '02/03/2026' })).status).toBe(400);
  });
});
