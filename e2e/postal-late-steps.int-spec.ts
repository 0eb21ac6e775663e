import { createHmac } from 'node:crypto';
import { catalogService } from '@mc/catalog';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { waitFor } from '@mc/local-infra';
import { postalService } from '@mc/postal';
import { PostalOperatorSimulator } from '@mc/postal-operator-simulator';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

const SECRET = 'buu-dien-test-secret-2026';

/**
 * Operators send reports out of order. A pickup's "picked up" that arrives
 * after its "handed to the centre" — after the receipt, before the dossier is
 * linked to the order — still reaches the dossier's history and the tracking
 * page, in event-time order, once.
 */
describe('a postal step reported after the hand-in that received the dossier', () => {
  let platform: InProcessPlatform;
  let operator: PostalOperatorSimulator;
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);

  /** A report as the operator signs it. */
  const report = async (body: Record<string, unknown>) => {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${platform.gateway.url}/api/v1/postal/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-postal-timestamp': timestamp,
        'x-postal-signature': `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${raw}`).digest('hex')}`,
      },
      body: raw,
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    // The operator takes the order and gives its waybill, but makes no progress of its own: the test reports for it.
    operator = await PostalOperatorSimulator.start({ secret: SECRET, stepMs: 600_000, seed: 3 });
    platform = await startInProcess([identityService, catalogService, dossierService, postalService], {
      DOSSIER_DEADLINE_CHECK_MS: '0',
      POSTAL_OPERATOR_URL: operator.url,
      POSTAL_OPERATOR_SECRET: SECRET,
      POSTAL_RELAY_INTERVAL_MS: '50',
    });
    for (const username of ['admin.tinh', 'tiepnhan.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: '1.999301',
      name: 'Đăng ký khai sinh (thử nghiệm bưu chính, báo sai thứ tự)',
      components: [{ name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy khai sinh' },
    });
    await dossierCaughtUp(platform);
  });

  afterAll(async () => {
    await platform?.stop();
    await operator?.close();
  });

  it('sends the late step on when the dossier is linked, so the history and the tracking page show every step in event-time order', async () => {
    const placed = await call('POST', '/postal/orders', 'tiepnhan.lvt', {
      procedureCode: '1.999301',
      receivingUnitCode: '05983',
      applicant: { kind: 'individual', fullName: 'Hoàng Thị Lan', idNumber: '020095001234', phone: '0912345678' },
      components: [{ name: 'Tờ khai đăng ký khai sinh' }],
      pickupAddress: { provinceCode: '20', communeCode: '05983', street: 'Số 5 Trần Đăng Ninh' },
      contact: { name: 'Hoàng Thị Lan', phone: '0912345678' },
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;
    const postal = platform.services[3]!.dataSource;
    const waybill = await waitFor('the waybill from the operator', async () => {
      const [row] = await postal.query('SELECT waybill FROM orders WHERE id = $1', [orderId]);
      return (row?.waybill as string | null) ?? undefined;
    });

    const base = { orderId, waybill };
    await report({ ...base, messageId: 'LATE-1', status: 'accepted', eventTime: '2026-12-07T08:00:00+07:00' });
    await report({ ...base, messageId: 'LATE-3', status: 'handed_to_centre', eventTime: '2026-12-07T10:00:00+07:00' });
    await report({ ...base, messageId: 'LATE-2', status: 'picked_up', eventTime: '2026-12-07T09:00:00+07:00', slip: { number: 'PBC-LATE-2', signedBy: 'Hoàng Thị Lan' } });
    // The case under test: the late step came in before the receipt had reached the order.
    expect((await postal.query('SELECT dossier_id FROM orders WHERE id = $1', [orderId]))[0].dossier_id).toBeNull();

    const code = await waitFor('the dossier linked to the order', async () => {
      const [row] = await postal.query('SELECT dossier_code FROM orders WHERE id = $1', [orderId]);
      return (row?.dossier_code as string | null) ?? undefined;
    });
    type Entry = { action: string; details: { status?: string; slip?: unknown } };
    const history = await waitFor('the late step in the history', async () => {
      const entries = (await call('GET', `/dossiers/${code}/history`, 'tiepnhan.lvt')).body as unknown as Entry[];
      return entries.some((entry) => entry.details.status === 'picked_up') ? entries : undefined;
    });
    expect(history.filter((entry) => entry.action === 'postal').map((entry) => entry.details.status).sort()).toEqual(['accepted', 'handed_to_centre', 'picked_up']);
    expect(history.find((entry) => entry.details.status === 'picked_up')?.details.slip).toEqual({ number: 'PBC-LATE-2', signedBy: 'Hoàng Thị Lan' });

    const [{ tracking_token: token }] = await platform.services[2]!.dataSource.query('SELECT tracking_token FROM dossiers WHERE code = $1', [code]);
    const tracking = await call('GET', `/tracking/${code}?token=${encodeURIComponent(token)}`, null);
    expect(tracking.body.postalSteps.map((step: { status: string }) => step.status)).toEqual(['accepted', 'picked_up', 'handed_to_centre']);
  });
});
