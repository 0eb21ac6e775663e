import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { freePort } from '@mc/local-infra';
import { postalService } from '@mc/postal';
import { startInProcess, type InProcessPlatform } from '../support';
import { CONSOLE_DIR, ensureConsoleBuilt, launchChromium, screenshot, seriousViolations, signIn, tabTo } from './console-browser';

/**
 * The hand-over with the postal worker on the staff console, in Debian's
 * Chromium: the clerk sees what the worker brings and takes, draws up the
 * list and signs it by keyboard; the worker's signature, made through the
 * operator's partner client, appears on the clerk's screen.
 */
describe('the postal hand-over screen in a browser', () => {
  let platform: InProcessPlatform;
  let browser: Browser;

  const insertOrder = (leg: 'pickup' | 'return', status: string, waybill: string, contact: string, fees: number, dossierCode: string | null = null) =>
    platform.services[2]!.dataSource.query(
      `INSERT INTO orders (id, leg, status, waybill, procedure_code, receiving_unit_code, dossier_code, address, contact, collected_fees, postage, requested_by, created_at, sent_at)
       VALUES ($1, $2, $3, $4, '1.001193', '05983', $5, $6, $7, $8, 28000, 'test', now(), now())`,
      [randomUUID(), leg, status, waybill, dossierCode, JSON.stringify({ display: 'Số 12, khu Thống Nhất, Xã Chi Lăng, Tỉnh Lạng Sơn' }), JSON.stringify({ name: contact }), fees],
    );

  beforeAll(async () => {
    ensureConsoleBuilt();
    const gatewayPort = await freePort();
    platform = await startInProcess([identityService, dossierService, postalService], {
      GATEWAY_PORT: String(gatewayPort),
      OIDC_REDIRECT_URIS: `http://127.0.0.1:${gatewayPort}/`,
      CONSOLE_DIR,
      POSTAL_OPERATOR_URL: 'http://127.0.0.1:9',
      POSTAL_RELAY_INTERVAL_MS: '60000',
    });
    // Where the operator's reports have left them: two dossiers picked up from citizens, one result whose delivery it accepted.
    await insertOrder('pickup', 'picked_up', 'EL00000201VN', 'Hoàng Thị Lan', 25_000);
    await insertOrder('pickup', 'picked_up', 'EL00000202VN', 'Nông Văn Dũng', 0);
    await insertOrder('return', 'accepted', 'EL00000203VN', 'Lộc Văn Hùng', 0, '05983-261207-0001');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('lets the clerk draw up the list and sign it by keyboard, and shows the postal worker’s signature when it comes', async () => {
    const page = await signIn(browser, platform.gateway.url, platform.issuer, 'tiepnhan.lvt');

    await page.getByRole('menuitem', { name: 'Giao nhận bưu chính' }).click();
    await page.getByRole('heading', { name: 'Giao nhận với bưu chính' }).waitFor();
    await page.getByRole('cell', { name: 'EL00000203VN' }).waitFor();
    for (const text of ['EL00000201VN', 'Hoàng Thị Lan', '25.000 đồng', '05983-261207-0001', 'Lộc Văn Hùng']) {
      expect(await page.getByRole('cell', { name: text, exact: true }).count()).toBe(1);
    }
    expect(await seriousViolations(page)).toEqual([]);

    await tabTo(page, '#prepare-handover');
    expect(await page.locator('#prepare-handover').textContent()).toContain('3 mục');
    await page.keyboard.press('Enter');
    await page.getByText(/^Biên bản giao nhận lập lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}, người lập tiepnhan\.lvt$/).waitFor();
    expect(await page.getByText('Chờ hai bên ký nhận').count()).toBe(1);
    expect(await page.locator('#prepare-handover').isDisabled()).toBe(true);

    const confirm = page.locator('[id^="confirm-"]');
    await tabTo(page, '[id^="confirm-"]');
    await page.keyboard.press('Enter');
    await page.getByText(/^tiepnhan\.lvt đã xác nhận lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/).waitFor();
    expect(await confirm.count()).toBe(0);
    expect(await page.getByText('Chờ nhân viên bưu chính xác nhận trên thiết bị của bưu chính.').count()).toBe(1);

    // The postal worker signs on the operator's device, through the partner client.
    const handoverId = (await platform.services[2]!.dataSource.query('SELECT id FROM handovers'))[0].id as string;
    const postToken = (
      (await (
        await fetch(`${platform.issuer}/token`, {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'buudien-lang-son', client_secret: 'BuuDien@2026' }),
        })
      ).json()) as { access_token: string }
    ).access_token;
    const signed = await fetch(`${platform.gateway.url}/api/v1/postal/handovers/${handoverId}/confirmations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${postToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ postalWorker: { name: 'Lý Văn Hùng', staffCode: 'BD-LS-0417' } }),
    });
    expect(signed.status).toBe(200);
    await page.getByText(/^Lý Văn Hùng \(mã BD-LS-0417\) đã xác nhận lúc /).waitFor({ timeout: 20_000 });
    expect(await page.getByText('Hai bên đã ký nhận').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'giao-nhan-buu-chinh', { fullPage: true });
    await page.context().close();
  });
});
