import type { Browser, Page } from 'playwright-core';
import { catalogService } from '@mc/catalog';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { freePort, waitFor } from '@mc/local-infra';
import { notificationsService } from '@mc/notifications';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from '../support';
import { CONSOLE_DIR, ensureConsoleBuilt, launchChromium, screenshot, seriousViolations, signIn } from './console-browser';

const PROCEDURE = '1.999401';

// Signing in through the issuer and polling the bell on the shared two-core machine: room for minutes.
jest.setTimeout(300_000);

/**
 * The bell in the console's header, in Debian's Chromium, against the real
 * dossier and notifications services: a dossier the clerk hands over to the
 * appraisal step shows in the specialist's bell; the specialist reaches it
 * and marks it read by keyboard.
 */
describe('the staff notice bell in a browser', () => {
  let platform: InProcessPlatform;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);

  /** Presses Tab until the element is focused. */
  const tabTo = async (page: Page, locator: ReturnType<Page['locator']>) => {
    for (let presses = 0; presses < 60; presses++) {
      if (await locator.evaluate((element) => element === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('Tab never reached the element');
  };
  const bellCount = async (page: Page) => {
    const label = (await page.getByRole('button', { name: /^Thông báo công việc:/ }).getAttribute('aria-label')) ?? '';
    return Number(/(\d+) chưa đọc/.exec(label)?.[1] ?? 0);
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    const gatewayPort = await freePort();
    platform = await startInProcess([identityService, catalogService, dossierService, notificationsService], {
      GATEWAY_PORT: String(gatewayPort),
      OIDC_REDIRECT_URIS: `http://127.0.0.1:${gatewayPort}/`,
      CONSOLE_DIR,
      DOSSIER_DEADLINE_CHECK_MS: '0',
      // No citizen consents here: nothing is sent, the send loop has nothing to do.
      NOTIFY_SEND_INTERVAL_MS: '60000',
    });
    for (const username of ['admin.tinh', 'tiepnhan.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: PROCEDURE,
      name: 'Đăng ký khai sinh (thử chuông thông báo)',
      components: [{ name: 'Tờ khai', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'extract', name: 'Trích lục khai sinh' },
      workflow: [
        { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
        { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 60 },
        { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
        { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
      ],
    });
    await waitFor('the commune known to the catalog', async () => (await call('GET', '/calendar/2026?unit=05983', null)).status === 200, 120_000);
    await dossierCaughtUp(platform, 120_000);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows a dossier handed to the specialist’s step in their bell, reachable and marked read by keyboard', async () => {
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: PROCEDURE,
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Hoàng Thị Mai', idNumber: '020095001234', phone: '0912000101' },
      components: [{ name: 'Tờ khai' }],
      notifications: { channels: ['sms'], consent: false },
    });
    expect(received.status).toBe(201);
    const code: string = received.body.receipt.code;
    expect((await call('POST', `/dossiers/${code}/actions`, 'tiepnhan.lvt', { action: 'hand_over' })).status).toBe(200);
    await dossierCaughtUp(platform, 120_000);
    tokens['chuyenvien.lvt'] = await passwordToken(platform.issuer, 'chuyenvien.lvt');
    const handedText = `Hồ sơ ${code} được chuyển đến bước`;
    await waitFor(
      'the hand-over notice recorded',
      async () => (await call('GET', '/notifications/staff-notices?unread=true', 'chuyenvien.lvt')).body.notices?.some((notice: { text: string }) => notice.text.startsWith(handedText)),
      120_000,
    );

    const page = await signIn(browser, platform.gateway.url, platform.issuer, 'chuyenvien.lvt');
    const bell = page.getByRole('button', { name: /^Thông báo công việc:/ });
    await waitFor('the bell counting', async () => (await bellCount(page)) >= 2, 60_000);
    const before = await bellCount(page);

    await tabTo(page, bell);
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Thông báo công việc chưa đọc' });
    await panel.waitFor();
    expect(await panel.evaluate((element) => element === document.activeElement)).toBe(true);
    const handed = panel.getByRole('button', { name: new RegExp(`^${handedText}`) });
    await handed.waitFor();
    const receivedNotice = panel.getByRole('button', { name: new RegExp(`^Hồ sơ mới ${code}`) });
    await receivedNotice.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'chuong-thong-bao');

    // Mark the hand-over notice read: Tab to its "Đã đọc", Enter.
    const readButton = panel.getByRole('button', { name: new RegExp(`^Đánh dấu đã đọc: ${handedText}`) });
    await tabTo(page, readButton);
    await page.keyboard.press('Enter');
    await handed.waitFor({ state: 'detached' });
    await waitFor('the count down by one', async () => (await bellCount(page)) === before - 1);
    expect((await call('GET', '/notifications/staff-notices?unread=true', 'chuyenvien.lvt')).body.unread).toBe(before - 1);

    // Escape closes the list and gives the focus back to the bell.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await bell.evaluate((element) => element === document.activeElement)).toBe(true);

    // Enter on a notice opens its dossier and counts it read.
    await page.keyboard.press('Enter');
    await tabTo(page, receivedNotice);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/ho-so/${code}`);
    await waitFor('the opened notice read', async () => (await bellCount(page)) === before - 2);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
