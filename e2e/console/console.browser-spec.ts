import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { catalogService } from '@mc/catalog';
import { documentsService } from '@mc/documents';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { freePort, repoRoot } from '@mc/local-infra';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from '../support';

const S3rver = require('@20minutes/s3rver');

const CONSOLE_DIR = path.join(repoRoot(), 'services/console/dist');
const SCREENSHOTS = path.join(repoRoot(), 'docs/screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** What a handheld scanner types from a chip ID card's QR code. */
const ID_CARD_QR = '020095001234|020095001|Nông Văn Dũng|15031995|Nam|Số 5 đường Trần Đăng Ninh, phường Lương Văn Tri, tỉnh Lạng Sơn|20042021';

/**
 * The staff console in Debian's Chromium against the real platform (in this
 * process), signed in through the issuer's own sign-in page with the demo
 * accounts.
 */
describe('the staff console in a browser', () => {
  let platform: InProcessPlatform;
  let s3: { close(): Promise<void> };
  let s3Dir: string;
  let browser: Browser;

  const seriousViolations = async (page: Page) =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);

  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

  /** Presses Tab until the element is focused: the keyboard is all a counter clerk needs. */
  const tabTo = async (page: Page, selector: string) => {
    for (let presses = 0; presses < 40; presses++) {
      if (await page.locator(selector).evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  };

  const signIn = async (username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(platform.gateway.url);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${platform.issuer}/**`);
    await page.fill('#username', username);
    await page.fill('#password', 'MotCua@2026');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    return page;
  };

  beforeAll(async () => {
    if (!existsSync(path.join(CONSOLE_DIR, 'index.html'))) {
      execFileSync('npm', ['run', 'build', '-w', 'services/console'], { cwd: repoRoot(), stdio: 'ignore' });
    }
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
      },
    );
    await dossierCaughtUp(platform);
    // Playwright gives the launched browser a new empty profile directory of its own.
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
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
    const code = ((await title.textContent()) ?? '').replace('Đã tiếp nhận hồ sơ ', '');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'giay-tiep-nhan');

    // The print button has the focus: Enter fetches Mẫu 01 as a PDF and opens it for printing.
    const [form] = await Promise.all([page.waitForResponse((response) => response.url().includes(`/dossiers/${code}/forms/receipt`)), page.keyboard.press('Enter')]);
    expect(form.status()).toBe(200);
    expect(form.headers()['content-type']).toContain('application/pdf');
    await page.context().close();
  });
});
