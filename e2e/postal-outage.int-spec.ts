import { catalogService } from '@mc/catalog';
import { identityService } from '@mc/identity';
import { waitFor } from '@mc/local-infra';
import { postalService } from '@mc/postal';
import { PostalOperatorSimulator } from '@mc/postal-operator-simulator';
import { gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

const SECRET = 'buu-dien-test-secret-2026';
const ORDERS = 20;

/**
 * Fault test: the operator goes away in the middle of a stream of orders and
 * comes back on the same address. Every order acknowledged to the counter
 * reaches it once it is back: none lost, none doubled.
 */
describe('postal orders while the operator is unreachable', () => {
  let platform: InProcessPlatform;
  let operator: PostalOperatorSimulator;
  let token = '';

  const placeOrder = async (index: number) => {
    const response = await fetch(`${platform.gateway.url}/api/v1/postal/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: '1.999201',
        receivingUnitCode: '05983',
        applicant: { kind: 'individual', fullName: `Nguyễn Văn ${index}`, idNumber: '020095001234' },
        components: [{ name: 'Tờ khai' }],
        pickupAddress: { provinceCode: '20', communeCode: '05983', street: `Số ${index} Lê Lợi` },
        contact: { name: `Nguyễn Văn ${index}`, phone: '0912345678' },
        collectedFees: 10_000,
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    // Slow progress: this test is about orders reaching the operator, not their delivery.
    operator = await PostalOperatorSimulator.start({ secret: SECRET, stepMs: 600_000, seed: 11 });
    platform = await startInProcess([identityService, catalogService, postalService], {
      POSTAL_OPERATOR_URL: operator.url,
      POSTAL_OPERATOR_SECRET: SECRET,
      POSTAL_RELAY_INTERVAL_MS: '50',
      POSTAL_RELAY_MAX_BACKOFF_MS: '800',
      POSTAL_OPERATOR_TIMEOUT_MS: '500',
    });
    const admin = await passwordToken(platform.issuer, 'admin.tinh');
    token = await passwordToken(platform.issuer, 'tiepnhan.lvt');
    await publishThreeDayProcedure(
      gatewayCaller(() => platform, { 'admin.tinh': admin }),
      {
        code: '1.999201',
        name: 'Thủ tục thử nghiệm bưu chính',
        components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
        result: { type: 'certificate', name: 'Giấy chứng nhận' },
      },
    );
    // The commune must be known to the postal service before its addresses are accepted.
    await waitFor('the units known to the postal service', async () =>
      Number((await platform.services[2]!.dataSource.query("SELECT count(*) AS n FROM known_units WHERE code = '05983'"))[0].n) === 1,
    );
  });

  afterAll(async () => {
    await platform?.stop();
    await operator?.close();
  });

  it('queues the orders while it is down and hands each over exactly once when it is back', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push(await placeOrder(index));
    await operator.stop();
    for (let index = 5; index < ORDERS; index += 1) {
      ids.push(await placeOrder(index));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const waiting = Number((await platform.services[2]!.dataSource.query('SELECT count(*) AS n FROM operator_queue'))[0].n);
    expect(waiting).toBeGreaterThan(0);
    await operator.listen();

    const postal = platform.services[2]!.dataSource;
    await waitFor('every order at the operator', async () => Number((await postal.query('SELECT count(*) AS n FROM operator_queue'))[0].n) === 0, 20_000);
    const rows: { id: string; waybill: string }[] = await postal.query('SELECT id, waybill FROM orders');
    expect(rows).toHaveLength(ORDERS);
    expect(new Set(rows.map((row) => row.waybill)).size).toBe(ORDERS);
    expect([...operator.orders.keys()].sort()).toEqual([...ids].sort());
    for (const row of rows) expect(operator.orders.get(row.id)?.waybill).toBe(row.waybill);
  });

  it('keeps sending the orders behind one whose answer cannot be recorded, and says why that one waits', async () => {
    const postal = platform.services[2]!.dataSource;
    // The operator's next waybill is already held here, as after a mistake on its side.
    await postal.query(
      `INSERT INTO orders (id, leg, status, waybill, procedure_code, receiving_unit_code, address, contact, requested_by, created_at)
       VALUES (gen_random_uuid(), 'pickup', 'accepted', 'EL00000021VN', '1.999201', '05983', '{}', '{}', 'test', now())`,
    );
    const stuck = await placeOrder(100);
    const behind = await placeOrder(101);
    await waitFor('the order behind it at the operator', async () => {
      const [row] = await postal.query('SELECT waybill FROM orders WHERE id = $1', [behind]);
      return row?.waybill === 'EL00000022VN';
    }, 20_000);
    const [queued] = await postal.query('SELECT attempts, last_error FROM operator_queue WHERE order_id = $1', [stuck]);
    expect(queued.attempts).toBeGreaterThan(0);
    expect(queued.last_error).toContain('duplicate key');
  });
});
