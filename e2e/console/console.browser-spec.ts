import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { catalogService } from '@mc/catalog';
import { documentsService } from '@mc/documents';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { freePort } from '@mc/local-infra';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from '../support';
import { CONSOLE_DIR, ensureConsoleBuilt, holdRequests, launchChromium, screenshot, seriousViolations, signIn as signInAt, TABLET_LANDSCAPE, TABLET_PORTRAIT, tabTo } from './console-browser';

const S3rver = require('@20minutes/s3rver');

/** What a handheld scanner types from a chip ID card's QR code. */
const PHONE = '0912345678';
const ID_CARD_QR = '020095001234|020095001|Nông Văn Dũng|15031995|Nam|Số 5 đường Trần Đăng Ninh, phường Lương Văn Tri, tỉnh Lạng Sơn|20042021';

/**
 * The staff console in Debian's Chromium against the real platform (in this
 * process), signed in through the issuer's own sign-in page with the demo
 * accounts.
 */
// Each step signs in through the issuer and drives a whole screen; on the shared two-core machine one takes minutes.
jest.setTimeout(300_000);

describe('the staff console in a browser', () => {
  let platform: InProcessPlatform;
  let s3: { close(): Promise<void> };
  let s3Dir: string;
  let browser: Browser;

  /** The dossier this run receives at the counter and follows to its return. */
  let code = '';

  const signIn = (username: string): Promise<Page> => signInAt(browser, platform.gateway.url, platform.issuer, username);

  beforeAll(async () => {
    ensureConsoleBuilt();
    s3Dir = mkdtempSync(path.join(tmpdir(), 'mc-s3-'));
    const s3Port = await freePort();
    s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: s3Dir, silent: true });
    await (s3 as unknown as { run(): Promise<unknown> }).run();
    // The issuer only redirects to registered URIs: the gateway's port is chosen before it starts.
    const gatewayPort = await freePort();
    platform = await startInProcess([identityService, catalogService, dossierService, documentsService], {
      GATEWAY_PORT: String(gatewayPort),
      OIDC_REDIRECT_URIS: `http://127.0.0.1:${gatewayPort}/`,
      CONSOLE_DIR,
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      // A form is rendered from four services' answers; on the loaded shared machine one took longer than the default 5 s.
      BUS_REQUEST_TIMEOUT_MS: '30000',
    });
    const admin = await passwordToken(platform.issuer, 'admin.tinh');
    await publishThreeDayProcedure(
      gatewayCaller(() => platform, { 'admin.tinh': admin }),
      {
        code: '1.001193',
        name: 'Đăng ký khai sinh',
        components: [
          { name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false },
          { name: 'Giấy chứng sinh', copyType: 'original', quantity: 1, reusable: false },
        ],
        result: { type: 'extract', name: 'Trích lục khai sinh' },
        // A commune's birth registration: the specialist appraises, the leader signs, the counter returns.
        workflow: [
          { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
          { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 60 },
          { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
          { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
        ],
      },
    );
    await dossierCaughtUp(platform);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it('lets a clerk receive a dossier by keyboard from a scanned ID-card QR string and print its receipt (Mẫu 01)', async () => {
    const page = await signIn('tiepnhan.lvt');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tong-quan');

    await page.goto(`${platform.gateway.url}/tiep-nhan`);
    await page.locator('#qr').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('qr');
    await page.keyboard.type(ID_CARD_QR);
    await page.keyboard.press('Enter');
    expect(await page.locator('#fullName').inputValue()).toBe('Nông Văn Dũng');
    expect(await page.locator('#idNumber').inputValue()).toBe('020095001234');
    // A first visit: nothing to fill in beyond the card; the phone is asked and typed.
    await tabTo(page, '#phone');
    await page.keyboard.type(PHONE);

    await tabTo(page, '#procedure');
    await page.keyboard.type('dang ky khai sinh');
    await page.locator('.ant-select-item-option', { hasText: 'Đăng ký khai sinh' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Thành phần hồ sơ (phiên bản 1').waitFor();
    for (const name of ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh']) {
      await tabTo(page, `input[type=checkbox][value="${name}"]`);
      await page.keyboard.press('Space');
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tiep-nhan');

    await tabTo(page, '#accept');
    await page.keyboard.press('Enter');
    const title = page.getByText(/^Đã tiếp nhận hồ sơ 05983-/);
    await title.waitFor();
    code = ((await title.textContent()) ?? '').replace('Đã tiếp nhận hồ sơ ', '');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'giay-tiep-nhan');

    // The print button has the focus: Enter fetches Mẫu 01 as a PDF and opens it for printing.
    const [form] = await Promise.all([page.waitForResponse((response) => response.url().includes(`/dossiers/${code}/forms/receipt`)), page.keyboard.press('Enter')]);
    expect(form.status()).toBe(200);
    expect(form.headers()['content-type']).toContain('application/pdf');

    // The receiving step is the counter's own: the clerk opens the dossier and hands it to appraisal.
    await tabTo(page, 'button:has-text("Mở hồ sơ để chuyển xử lý")');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    await tabTo(page, 'button:has-text("Chuyển bước tiếp theo")');
    await page.keyboard.press('Enter');
    await page.locator('tr', { hasText: 'Bước hiện tại' }).filter({ hasText: 'Thẩm định' }).waitFor();
    await page.context().close();
  });

  it('shows the specialist the dossier in their own queue, with only the actions of appraisal, and lets them hand it over', async () => {
    const page = await signIn('chuyenvien.lvt');
    await page.getByRole('menuitem', { name: 'Hồ sơ cần xử lý' }).click();
    const row = page.getByRole('row', { name: new RegExp(code) });
    await row.waitFor();
    await row.getByText('Thẩm định').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'hang-doi');

    await row.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    const actions = page.locator('.ant-card', { hasText: 'Xử lý' }).first().getByRole('button');
    await actions.first().waitFor();
    // Appraisal's actions as the dossier service offers them; approving is the leader's and is not shown.
    expect(await actions.allTextContents()).toEqual(['Chuyển bước tiếp theo', 'Trả lại bước trước', 'Yêu cầu bổ sung (Mẫu 02)']);
    // The history shows the counter's hand-over with its control-slip verdict.
    await page.locator('.ant-card', { hasText: 'Lịch sử xử lý' }).getByText('Tiếp nhận hồ sơ → Thẩm định').waitFor();
    expect(await page.locator('.ant-card', { hasText: 'Lịch sử xử lý' }).locator('.ant-tag').first().textContent()).toMatch(/^(Trước hạn|Đúng hạn)$/);
    expect(await seriousViolations(page)).toEqual([]);

    // A reason is asked before sending back; cancelling sends nothing.
    await page.getByRole('button', { name: 'Trả lại bước trước' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('dialog').getByText('Nhập lý do').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();

    await page.getByRole('button', { name: 'Chuyển bước tiếp theo' }).click();
    await page.locator('tr', { hasText: 'Bước hiện tại' }).filter({ hasText: 'Phê duyệt' }).waitFor();
    expect(await page.locator('.ant-card', { hasText: 'Xử lý' }).first().getByText('Bạn không có thao tác nào với hồ sơ ở bước này.').count()).toBe(1);
    await page.context().close();
  });

  it('never shows the open dossier to a clerk of another commune, in a queue or by its code', async () => {
    const page = await signIn('tiepnhan.dk');
    await page.getByRole('menuitem', { name: 'Hồ sơ cần xử lý' }).click();
    // The commune's own queue as the API answers it, not the previous tab's rows kept while loading.
    await Promise.all([page.waitForResponse((response) => response.url().includes('/work-queues/unit')), page.getByRole('tab', { name: /Của đơn vị/ }).click()]);
    await page.getByText('Không có hồ sơ nào trong hàng đợi này.').waitFor();
    expect(await page.getByText(code).count()).toBe(0);

    await page.goto(`${platform.gateway.url}/ho-so/${code}`);
    await page.getByRole('alert').getByText(/Không tìm thấy hồ sơ/).waitFor();
    expect(await page.getByRole('heading', { name: `Hồ sơ ${code}` }).count()).toBe(0);

    // Nor what the citizen told the other commune's counter.
    await page.goto(`${platform.gateway.url}/tiep-nhan`);
    await page.locator('#qr').waitFor();
    await Promise.all([page.waitForResponse((response) => response.url().includes('/applicants/020095001234')), page.keyboard.type(`${ID_CARD_QR}\n`)]);
    expect(await page.locator('#fullName').inputValue()).toBe('Nông Văn Dũng');
    expect(await page.locator('#phone').inputValue()).toBe('');
    expect(await page.getByText('Người nộp đã đến trước đây').count()).toBe(0);
    await page.context().close();
  });

  it('works on a tablet held either way: the menu, the work queue and the dossier page with its dialogs fit the screen', async () => {
    for (const [viewport, name] of [
      [TABLET_LANDSCAPE, 'ngang'],
      [TABLET_PORTRAIT, 'doc'],
    ] as const) {
      const page = await signInAt(browser, platform.gateway.url, platform.issuer, 'lanhdao.lvt', undefined, viewport);
      // Nothing wider than the screen: a table scrolls inside itself, the page never sideways.
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(page, `tablet-${name}-tong-quan`);

      // Every screen stays reachable from the menu, folded as the width needs.
      await page.getByRole('menuitem', { name: 'Hồ sơ cần xử lý' }).or(page.locator('.ant-menu-overflow-item-rest')).first().click();
      if (!page.url().endsWith('/hang-doi')) await page.getByRole('menuitem', { name: 'Hồ sơ cần xử lý' }).click();
      const row = page.getByRole('row', { name: new RegExp(code) });
      await row.getByText('Phê duyệt').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `tablet-${name}-hang-doi`);

      await row.getByRole('link', { name: code }).click();
      await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
      await page.getByRole('button', { name: 'Phê duyệt' }).waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `tablet-${name}-ho-so`);

      // A dialog opens inside the screen, its buttons within reach; closing it sends nothing.
      await page.getByRole('button', { name: 'Gia hạn' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Hủy' }).waitFor();
      const box = await dialog.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `tablet-${name}-hop-thoai`);
      await dialog.getByRole('button', { name: 'Hủy' }).click();
      await page.context().close();
    }
  });

  it('lets the leader approve, offering the leader\'s actions at approval', async () => {
    const page = await signIn('lanhdao.lvt');
    await page.goto(`${platform.gateway.url}/ho-so/${code}`);
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    const actions = page.locator('.ant-card', { hasText: 'Xử lý' }).first().getByRole('button');
    await actions.first().waitFor();
    expect(await actions.allTextContents()).toEqual([
      'Trả lại bước trước',
      'Phê duyệt',
      'Từ chối giải quyết (Mẫu 03)',
      'Dừng giải quyết',
      'Xin lỗi, hẹn lại ngày trả (Mẫu 04)',
      'Gia hạn',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'ho-so');
    // The same dossier left open on a second screen, which the approval below makes stale.
    const stale = await signIn('lanhdao.lvt');
    await stale.goto(`${platform.gateway.url}/ho-so/${code}`);
    await stale.getByRole('button', { name: 'Phê duyệt' }).waitFor();

    // The button shows that it is working for as long as the API has not answered.
    const release = await holdRequests(page, '**/actions');
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.locator('button.ant-btn-loading', { hasText: 'Phê duyệt' }).waitFor();
    await release();
    await page.getByText('Đã phê duyệt, chờ phát hành kết quả').first().waitFor();
    await page.context().close();

    // Approving again from the stale screen: the API refuses, and its own Vietnamese words are what the leader reads.
    const [refusal] = await Promise.all([stale.waitForResponse((response) => response.url().endsWith('/actions')), stale.getByRole('button', { name: 'Phê duyệt' }).click()]);
    expect(refusal.status()).toBeGreaterThanOrEqual(400);
    expect(refusal.status()).toBeLessThan(500);
    const { error } = (await refusal.json()) as { error: { message: string } };
    expect(error.message).toMatch(/[àáảãạăâđêôơư]/i);
    await stale.getByRole('alert').getByText(error.message, { exact: true }).waitFor();
    expect(await seriousViolations(stale)).toEqual([]);
    await stale.context().close();
  });

  it('lets the clerk issue and return the result at the return desk, which marks the dossier returned', async () => {
    const page = await signIn('tiepnhan.lvt');
    await page.getByRole('menuitem', { name: 'Trả kết quả' }).click();
    await page.getByRole('heading', { name: 'Trả kết quả' }).waitFor();
    await page.getByRole('button', { name: `Phát hành kết quả hồ sơ ${code}` }).click();
    const returnButton = page.getByRole('button', { name: `Trả kết quả hồ sơ ${code}` });
    await returnButton.waitFor();
    expect(await page.getByRole('row', { name: new RegExp(code) }).getByText('Tại quầy').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tra-ket-qua');

    await returnButton.click();
    await page.getByText(`Hồ sơ ${code}: Đã trả kết quả.`).waitFor();
    await page.getByRole('row', { name: new RegExp(code) }).waitFor({ state: 'detached' });

    await page.goto(`${platform.gateway.url}/ho-so/${code}`);
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    await page.getByText('Đã trả kết quả').first().waitFor();
    const history = page.locator('.ant-card', { hasText: 'Lịch sử xử lý' });
    await history.getByText('Trả kết quả', { exact: true }).waitFor();
    expect(await history.getByText('Phê duyệt', { exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    // The whole page: the history with the control slip's verdicts is below the fold at 1366×768.
    await screenshot(page, 'ho-so-da-tra', { fullPage: true });

    // The citizen comes back: the scan fills in what the counter wrote down last time.
    await page.getByRole('menuitem', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.locator('#qr').waitFor();
    await page.locator('#qr').focus();
    await page.keyboard.type(ID_CARD_QR);
    await page.keyboard.press('Enter');
    await page.getByText(`Người nộp đã đến trước đây (hồ sơ ${code}`).waitFor();
    expect(await page.locator('#phone').inputValue()).toBe(PHONE);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
