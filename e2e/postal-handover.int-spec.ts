import { randomUUID } from 'node:crypto';
import { identityService } from '@mc/identity';
import { postalService } from '@mc/postal';
import { gatewayCaller, passwordToken, startInProcess, type InProcessPlatform } from './support';

/** The operator's partner client, as its handheld app signs in. */
async function clientToken(issuer: string): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'buudien-lang-son', client_secret: 'BuuDien@2026' }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * The hand-over list at the one-stop centre, through the gateway: what the
 * postal worker brings (dossiers picked up, with the fees collected for them)
 * and takes (results whose delivery the operator accepted), drawn up by the
 * clerk and signed off by both sides, each with who and when.
 */
describe('the hand-over list between the centre and the postal worker', () => {
  let platform: InProcessPlatform;
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);
  const ids = { brought: randomUUID(), broughtToo: randomUUID(), notYetPicked: randomUUID(), result: randomUUID(), resultGone: randomUUID(), elsewhere: randomUUID() };

  const insertOrder = (id: string, leg: 'pickup' | 'return', status: string, unit: string, fees: number, waybill: string, dossierCode: string | null = null) =>
    platform.services[1]!.dataSource.query(
      `INSERT INTO orders (id, leg, status, waybill, procedure_code, receiving_unit_code, dossier_code, address, contact, collected_fees, postage, requested_by, created_at, sent_at)
       VALUES ($1, $2, $3, $4, '1.999101', $5, $6, $7, $8, $9, 28000, 'test', now(), now())`,
      [id, leg, status, waybill, unit, dossierCode, JSON.stringify({ display: `Số 12, ${unit}` }), JSON.stringify({ name: `Người nhận ${waybill}` }), fees],
    );

  beforeAll(async () => {
    platform = await startInProcess([identityService, postalService], { POSTAL_OPERATOR_URL: 'http://127.0.0.1:9', POSTAL_RELAY_INTERVAL_MS: '60000' });
    for (const username of ['tiepnhan.lvt', 'tiepnhan.dk', 'chuyenvien.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
    tokens.post = await clientToken(platform.issuer);
    await insertOrder(ids.brought, 'pickup', 'picked_up', '05983', 25_000, 'EL00000101VN');
    await insertOrder(ids.broughtToo, 'pickup', 'picked_up', '05983', 0, 'EL00000102VN');
    await insertOrder(ids.notYetPicked, 'pickup', 'accepted', '05983', 10_000, 'EL00000103VN');
    await insertOrder(ids.result, 'return', 'accepted', '05983', 0, 'EL00000104VN', '05983-261207-0001');
    await insertOrder(ids.resultGone, 'return', 'result_collected', '05983', 0, 'EL00000105VN', '05983-261207-0002');
    await insertOrder(ids.elsewhere, 'pickup', 'picked_up', '05977', 5_000, 'EL00000106VN');
  });

  afterAll(() => platform?.stop());

  it('lists what the postal worker brings and takes, drawn up by the clerk and signed off by both sides with who and when', async () => {
    const board = await call('GET', '/postal/handovers?unitCode=05983', 'tiepnhan.lvt');
    expect(board.status).toBe(200);
    expect(board.body.pending.bring.map((item: { orderId: string }) => item.orderId).sort()).toEqual([ids.brought, ids.broughtToo].sort());
    expect(board.body.pending.take).toEqual([
      expect.objectContaining({ orderId: ids.result, direction: 'take', waybill: 'EL00000104VN', dossierCode: '05983-261207-0001', contactName: 'Người nhận EL00000104VN' }),
    ]);
    expect(board.body.handovers).toEqual([]);

    const prepared = await call('POST', '/postal/handovers', 'tiepnhan.lvt', { unitCode: '05983' });
    expect(prepared.status).toBe(201);
    expect(prepared.body).toMatchObject({
      unitCode: '05983',
      status: 'awaiting_signatures',
      preparedBy: 'tiepnhan.lvt',
      collectedFees: 25_000,
      centreSignature: null,
      postSignature: null,
    });
    expect(prepared.body.bring).toHaveLength(2);
    expect(prepared.body.take).toHaveLength(1);
    const id = prepared.body.id as string;

    // On a list, an order is no longer waiting; with nothing left, no second list is drawn up.
    expect((await call('GET', '/postal/handovers?unitCode=05983', 'tiepnhan.lvt')).body.pending).toEqual({ bring: [], take: [] });
    const empty = await call('POST', '/postal/handovers', 'tiepnhan.lvt', { unitCode: '05983' });
    expect(empty.status).toBe(409);
    expect(empty.body.error.message).toContain('chưa cần lập biên bản');

    const centre = await call('POST', `/postal/handovers/${id}/confirmations`, 'tiepnhan.lvt', {});
    expect(centre.status).toBe(200);
    expect(centre.body).toMatchObject({ status: 'awaiting_signatures', centreSignature: { name: 'tiepnhan.lvt', staffCode: null, atDisplay: expect.stringMatching(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/) }, postSignature: null });
    const again = await call('POST', `/postal/handovers/${id}/confirmations`, 'tiepnhan.lvt', {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('đã được tiepnhan.lvt xác nhận lúc');

    const nameless = await call('POST', `/postal/handovers/${id}/confirmations`, 'post', {});
    expect(nameless.status).toBe(400);
    const post = await call('POST', `/postal/handovers/${id}/confirmations`, 'post', { postalWorker: { name: 'Lý Văn Hùng', staffCode: 'BD-LS-0417' } });
    expect(post.status).toBe(200);
    expect(post.body).toMatchObject({ status: 'signed', statusLabel: 'Hai bên đã ký nhận', postSignature: { name: 'Lý Văn Hùng', staffCode: 'BD-LS-0417' } });
    expect(Date.parse(post.body.postSignature.at)).toBeGreaterThanOrEqual(Date.parse(post.body.centreSignature.at));

    const seenByPost = await call('GET', '/postal/handovers?unitCode=05983', 'post');
    expect(seenByPost.body.handovers).toEqual([expect.objectContaining({ id, status: 'signed' })]);
  });

  it('keeps each centre to its own list: another unit’s clerk, a specialist and the post cannot draw one up here', async () => {
    expect((await call('GET', '/postal/handovers?unitCode=05983', 'tiepnhan.dk')).status).toBe(403);
    expect((await call('POST', '/postal/handovers', 'chuyenvien.lvt', { unitCode: '05983' })).status).toBe(403);
    expect((await call('POST', '/postal/handovers', 'post', { unitCode: '05983' })).status).toBe(403);
    const other = (await call('GET', '/postal/handovers?unitCode=05977', 'tiepnhan.dk')).body;
    expect(other.pending.bring.map((item: { orderId: string }) => item.orderId)).toEqual([ids.elsewhere]);
    const handovers = Number((await platform.services[1]!.dataSource.query('SELECT count(*) AS n FROM handovers'))[0].n);
    expect(handovers).toBe(1);
  });

  it('answers 400 with a Vietnamese message to a unit code or list id that is not one', async () => {
    const badUnit = await call('GET', '/postal/handovers?unitCode=05983x', 'tiepnhan.lvt');
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.error.message).toMatch(/Mã đơn vị/);
    const badId = await call('POST', '/postal/handovers/khong-phai-ma/confirmations', 'tiepnhan.lvt', {});
    expect(badId.status).toBe(400);
    expect((await call('POST', `/postal/handovers/${randomUUID()}/confirmations`, 'tiepnhan.lvt', {})).status).toBe(404);
  });
});
