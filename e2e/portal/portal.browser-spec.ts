import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { catalogService } from '@mc/catalog';
import { documentsService, renderPdf } from '@mc/documents';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { signaturesService } from '@mc/signatures';
import { decodeQr, freePort, pdftoppm, repoRoot } from '@mc/local-infra';
import { VneidSimulator, type VneidClient } from '@mc/vneid-simulator';
import { leaderSignedResult } from '../signatures-support';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from '../support';

const S3rver = require('@20minutes/s3rver');

const PORTAL_DIR = path.join(repoRoot(), 'services/portal/dist');
const SCREENSHOTS = path.join(repoRoot(), 'docs/screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Chrome DevTools' "Slow 3G": 400 ms round trip × 5, 500 kbit/s × 0.8 each way. */
const SLOW_3G = { offline: false, latency: 2_000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
/** Every page of a citizen's journey is slow; the whole journey gets room accordingly. */
const JOURNEY_MS = 600_000;
/**
 * Access tokens live 90 s here (300 s in production): the journey takes
 * minutes, so the citizen keeps working across many expiries, each renewed
 * with the rotating refresh token 60 s before its end, never by signing in again.
 */
const TOKEN_TTL_SECONDS = 90;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A file the documents service reads as a PDF (by its signature), of the given size. */
const pdfFile = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), randomBytes(size)]).subarray(0, size);
/** A photo as a phone's camera would hand it over (PNG here), small enough for slow 3G. */
const photo = (shade: number) => {
  const image = new PNG({ width: 60, height: 80 });
  image.data.fill(shade);
  return PNG.sync.write(image);
};
const FILES = {
  declaration: { name: 'to-khai-khai-sinh.pdf', mimeType: 'application/pdf', buffer: pdfFile(30_000) },
  birthCertificate: { name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: photo(180) },
  birthCertificateAgain: { name: 'giay-chung-sinh-chup-lai.png', mimeType: 'image/png', buffer: photo(120) },
  copyRequest: { name: 'to-khai-ban-sao.pdf', mimeType: 'application/pdf', buffer: pdfFile(20_000) },
};

/** A raw answer of the gateway (no decompression), asking for the given encodings. */
const rawGet = (url: string, acceptEncoding?: string) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });

const CITIZEN = { idNumber: '020095003579', fullName: 'Hoàng Thị Ngọc Ánh', phone: '0912345678', address: 'Số 12 ngõ 3 đường Bà Triệu, phường Lương Văn Tri' };
const OTHER_CITIZEN = { idNumber: '020090004680', fullName: 'Lộc Văn Thắng' };

/**
 * The citizen portal in Debian's Chromium on a 360×640 phone over a slow-3G
 * connection, against the real platform in this process: the citizen signs in
 * through the issuer's page and VNeID (simulator), the officers act through the API.
 */
describe('the citizen portal on a phone', () => {
  let platform: InProcessPlatform;
  let vneid: VneidSimulator;
  let s3: { close(): Promise<void> };
  let s3Dir: string;
  let caDir: string;
  let browser: Browser;
  let call: ReturnType<typeof gatewayCaller>;
  const vneidClient: VneidClient = { clientId: 'mot-cua-lang-son', clientSecret: 'BiMat@VNeID-2026', redirectUris: [] };
  /** The dossier the journey files, and the token its receipt carries. */
  const filed = { code: '', token: '' };
  let citizen: Page;
  let tracker: Page;

  const portal = (route = '/') => `${platform.gateway.url}/cong-dan${route}`;

  /** A fresh phone (no cache, no cookies) on slow 3G; service workers are blocked so every request goes through the throttle. */
  const phone = async (): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    return page;
  };

  /** axe-core finds no serious or critical violation; the screenshot is written only when asked for. */
  const checkPage = async (page: Page, name: string) => {
    const violations = (await new AxeBuilder({ page }).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
    if (process.env.CONSOLE_SCREENSHOTS === '1') await page.screenshot({ path: path.join(SCREENSHOTS, `cong-dan-${name}.png`), fullPage: true });
  };

  /** Signs in at the issuer through "Đăng nhập bằng VNeID", as the person the simulator is told. */
  const signInWithVneid = async (page: Page, person: { idNumber: string; fullName: string }) => {
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(`${platform.issuer}/**`);
    await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
    await page.waitForURL(`${vneid.issuer}/**`);
    await page.locator('input[name=pick][value=other]').check();
    await page.fill('input[name=idNumber]', person.idNumber);
    await page.fill('input[name=fullName]', person.fullName);
    await page.getByRole('button', { name: 'Đồng ý chia sẻ thông tin' }).click();
    await page.waitForURL(`${platform.gateway.url}/cong-dan/**`);
  };

  /** The tokens the portal holds for the signed-in citizen, to try the API as them and to see them renewed. */
  const tokensOf = (page: Page): Promise<{ access_token: string; refresh_token: string }> =>
    page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:')) as string;
      return JSON.parse(sessionStorage.getItem(key) as string) as { access_token: string; refresh_token: string };
    });
  const tokenOf = async (page: Page): Promise<string> => (await tokensOf(page)).access_token;
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as { iat: number; exp: number };
  /** The tokens the citizen's sign-in gave. */
  const signedIn = { tokens: { access_token: '', refresh_token: '' } };
  /** The SHA-256 of the result the leader signed, which the citizen downloads and reuses. */
  const signedResult = { sha256: '' };
  const asCitizen = async () => gatewayCaller(() => platform, { citizen: await tokenOf(citizen) });

  /**
   * Opens a page of the portal as a reload would, once no request is in
   * flight. A reload that cuts off a token renewal loses the rotated refresh
   * token with its answer; the issuer's reuse window answers the spent one
   * once more, but this journey is about the pages, so it does not spend
   * that one extra use by chance (with 90 s tokens a renewal runs every 30 s).
   */
  const reload = async (page: Page, route: string) => {
    await page.waitForLoadState('networkidle');
    await page.goto(portal(route));
  };

  const officer = async (username: string) => passwordToken(platform.issuer, username);
  const act = async (username: string, action: string, extra: Record<string, unknown> = {}) => {
    const tokens = { [username]: await officer(username) };
    const reply = await gatewayCaller(() => platform, tokens)('POST', `/dossiers/${filed.code}/actions`, username, { action, ...extra });
    expect({ action, status: reply.status }).toEqual({ action, status: 200 });
    return reply.body;
  };

  /** The public tracking page, reloaded as a citizen would, shows the state and nothing about the applicant. */
  const trackerShows = async (stateLabel: string) => {
    await tracker.reload();
    await tracker.getByTestId('trang-thai').filter({ hasText: stateLabel }).waitFor();
    const text = await tracker.locator('body').innerText();
    for (const personal of [CITIZEN.fullName, CITIZEN.idNumber, CITIZEN.phone, CITIZEN.address, 'Bà Triệu']) expect(text).not.toContain(personal);
  };

  beforeAll(async () => {
    if (!existsSync(path.join(PORTAL_DIR, 'index.html'))) {
      execFileSync('npm', ['run', 'build', '-w', 'services/portal'], { cwd: repoRoot(), stdio: 'ignore' });
    }
    s3Dir = mkdtempSync(path.join(tmpdir(), 'mc-s3-'));
    caDir = mkdtempSync(path.join(tmpdir(), 'mc-ca-'));
    const s3Port = await freePort();
    s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: s3Dir, silent: true });
    await (s3 as unknown as { run(): Promise<unknown> }).run();
    vneid = await VneidSimulator.start({ clients: [vneidClient] });
    // The issuer only redirects to registered URIs: the gateway's port is chosen before it starts.
    const gatewayPort = await freePort();
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    platform = await startInProcess([identityService, catalogService, dossierService, documentsService, signaturesService], {
      GATEWAY_PORT: String(gatewayPort),
      // The province test CA the leader signs the electronic result with.
      SIGNATURES_CA_DIR: path.join(caDir, 'test-ca'),
      OIDC_REDIRECT_URIS: `${gatewayUrl}/`,
      PORTAL_DIR,
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      // The receipt's QR code points at this gateway's portal.
      PUBLIC_BASE_URL: gatewayUrl,
      VNEID_ISSUER: vneid.issuer,
      VNEID_CLIENT_ID: vneidClient.clientId,
      VNEID_CLIENT_SECRET: vneidClient.clientSecret as string,
      // The first PDF loads its fonts; beside other engineers' tests on two cores that has taken more than the default 5 s.
      BUS_REQUEST_TIMEOUT_MS: '20000',
      TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
    });
    vneidClient.redirectUris.push(`${platform.issuer}/federation/vneid/callback`);
    const admin = await passwordToken(platform.issuer, 'admin.tinh');
    call = gatewayCaller(() => platform, { 'admin.tinh': admin });
    await publishThreeDayProcedure(call, {
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      components: [
        { name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false },
        { name: 'Giấy chứng sinh', copyType: 'original', quantity: 1, reusable: false },
      ],
      result: { type: 'extract', name: 'Trích lục khai sinh' },
    });
    await publishThreeDayProcedure(call, {
      code: '2.000635',
      name: 'Cấp bản sao trích lục hộ tịch',
      components: [
        { name: 'Tờ khai cấp bản sao trích lục hộ tịch', copyType: 'original', quantity: 1, reusable: false },
        { name: 'Trích lục hộ tịch đã cấp', copyType: 'original', quantity: 1, reusable: true, fileKinds: ['pdf'] },
      ],
      result: { type: 'extract', name: 'Bản sao trích lục hộ tịch' },
    });
    await dossierCaughtUp(platform);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // Four services, the gateway and a browser starting beside other engineers' tests: a start-up budget, not an assertion.
  }, 300_000);

  afterAll(async () => {
    await citizen?.context().close();
    await tracker?.context().close();
    await browser?.close();
    await platform?.stop();
    await vneid?.close();
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
    rmSync(caDir, { recursive: true, force: true });
  });

  it(
    'finds "Đăng ký khai sinh" typed without accents and shows what the procedure takes',
    async () => {
      citizen = await phone();
      await citizen.goto(portal('/'));
      await citizen.getByRole('heading', { name: 'Tìm thủ tục hành chính' }).waitFor();
      await checkPage(citizen, 'tim-thu-tuc');
      await citizen.getByLabel('Tên thủ tục').fill('dang ky khai sinh');
      await citizen.keyboard.press('Enter');
      await citizen.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
      await citizen.getByRole('heading', { name: 'Đăng ký khai sinh', level: 1 }).waitFor();
      const text = await citizen.locator('main').innerText();
      for (const shown of ['Cấp xã', 'Ủy ban nhân dân cấp xã', '3 ngày làm việc', 'Miễn lệ phí', 'Giấy chứng sinh', 'Nhận kết quả qua bưu điện', 'Luật Hộ tịch số 60/2014/QH13']) {
        expect(text).toContain(shown);
      }
      await checkPage(citizen, 'thu-tuc');
    },
    JOURNEY_MS,
  );

  it(
    'files it online after signing in through VNeID, page by page, with two components uploaded and the result returned by post',
    async () => {
      await citizen.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
      await citizen.getByRole('heading', { name: 'Đăng nhập để tiếp tục' }).waitFor();
      await checkPage(citizen, 'dang-nhap');
      await signInWithVneid(citizen, CITIZEN);

      await citizen.getByRole('heading', { name: 'Bạn nộp hồ sơ ở đâu?' }).waitFor();
      signedIn.tokens = await tokensOf(citizen);
      // Going on without an answer puts the error next to the field.
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.locator('#noi-nop-loi').filter({ hasText: 'Chọn xã, phường nơi bạn nộp hồ sơ.' }).waitFor();
      await citizen.locator('#noi-nop').click();
      await citizen.keyboard.type('luong van tri');
      await citizen.locator('.ant-select-item-option', { hasText: 'Lương Văn Tri' }).first().waitFor();
      await citizen.keyboard.press('Enter');
      // Ant Design's list of communes has no name of its own while it folds away; the page is checked as chosen.
      await citizen.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
      await checkPage(citizen, 'noi-nop');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      await citizen.getByRole('heading', { name: 'Ai là người yêu cầu?' }).waitFor();
      // VNeID proved the number: the form starts from it.
      expect(await citizen.locator('#idNumber').inputValue()).toBe(CITIZEN.idNumber);
      await citizen.fill('#fullName', CITIZEN.fullName);
      await citizen.fill('#phone', '09123');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.locator('#phone-loi').filter({ hasText: 'Số điện thoại gồm 10–11 chữ số' }).waitFor();
      await checkPage(citizen, 'nguoi-nop-loi');
      await citizen.fill('#phone', CITIZEN.phone);
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      await citizen.getByRole('heading', { name: 'Giấy tờ bạn nộp' }).waitFor();
      // Handed in online, a paper comes with its file: ticked without one, the error is next to it.
      await citizen.getByRole('checkbox', { name: /Tờ khai đăng ký khai sinh/ }).check();
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.locator('#thanh-phan-1-loi').filter({ hasText: 'Chụp ảnh hoặc chọn tệp' }).waitFor();
      await checkPage(citizen, 'giay-to-loi');
      // By keyboard: Tab from the paper's checkbox reaches its chooser, and its button shows the focus.
      await citizen.getByRole('checkbox', { name: /Tờ khai đăng ký khai sinh/ }).focus();
      await citizen.keyboard.press('Tab');
      expect(await citizen.evaluate(() => document.activeElement?.id)).toBe('thanh-phan-1-tep');
      expect(await citizen.locator('label[for=thanh-phan-1-tep]').evaluate((label) => getComputedStyle(label).outlineStyle)).toBe('solid');
      await citizen.locator('#thanh-phan-1-tep').setInputFiles(FILES.declaration);
      // Choosing the photo ticks its paper.
      await citizen.locator('#thanh-phan-2-tep').setInputFiles(FILES.birthCertificate);
      expect(await citizen.getByRole('checkbox', { name: /Giấy chứng sinh/ }).isChecked()).toBe(true);
      await citizen.getByText(FILES.birthCertificate.name).waitFor();
      await checkPage(citizen, 'giay-to');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      await citizen.getByRole('heading', { name: 'Bạn muốn nhận kết quả thế nào?' }).waitFor();
      await citizen.getByRole('radio', { name: /Nhận qua bưu điện/ }).check();
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.locator('#returnAddress-loi').waitFor();
      await citizen.fill('#returnAddress', CITIZEN.address);
      await checkPage(citizen, 'nhan-ket-qua');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      await citizen.getByRole('heading', { name: 'Kiểm tra lại trước khi nộp' }).waitFor();
      const answers = await citizen.locator('main').innerText();
      for (const answer of [
        'Phường Lương Văn Tri',
        CITIZEN.fullName,
        CITIZEN.idNumber,
        `Tờ khai đăng ký khai sinh: tệp ${FILES.declaration.name}`,
        `Giấy chứng sinh: tệp ${FILES.birthCertificate.name}`,
        `Qua bưu điện: ${CITIZEN.address}`,
      ]) {
        expect(answers).toContain(answer);
      }
      await checkPage(citizen, 'kiem-tra');
      await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();

      await citizen.getByRole('heading', { name: 'Đã nộp hồ sơ' }).waitFor();
      filed.code = ((await citizen.getByTestId('ma-ho-so').textContent()) ?? '').trim();
      expect(filed.code).toMatch(/^05983-\d{6}-\d{4}$/);
      // The files go up through the tus endpoint once the dossier has its code.
      await citizen.locator('[data-testid=gui-tep-1][data-state=done]').waitFor();
      await citizen.locator('[data-testid=gui-tep-2][data-state=done]').waitFor();
      await checkPage(citizen, 'da-nop');

      const api = await asCitizen();
      const dossier = await api('GET', `/dossiers/${filed.code}`, 'citizen');
      expect(dossier.body).toMatchObject({
        channel: 'online',
        returnMethod: 'post',
        applicant: { fullName: CITIZEN.fullName, idNumber: CITIZEN.idNumber },
        components: [
          { name: 'Tờ khai đăng ký khai sinh', digitised: true, reusedFromStore: false },
          { name: 'Giấy chứng sinh', digitised: true, reusedFromStore: false },
        ],
        representative: null,
      });
      const files = await api('GET', `/dossiers/${filed.code}/documents`, 'citizen');
      expect(files.body.documents).toEqual([
        expect.objectContaining({ component: '1', version: 1, purpose: 'submission', filename: FILES.declaration.name, kind: 'pdf', sha256: sha256(FILES.declaration.buffer) }),
        expect.objectContaining({ component: '2', version: 1, purpose: 'submission', filename: FILES.birthCertificate.name, kind: 'png', sha256: sha256(FILES.birthCertificate.buffer) }),
      ]);
    },
    JOURNEY_MS,
  );

  it(
    "opens the tracking page from the receipt's QR code: the state and the appointment, nothing personal",
    async () => {
      const clerk = await officer('tiepnhan.lvt');
      const mine = await gatewayCaller(() => platform, { citizen: await tokenOf(citizen) })('GET', '/citizen/dossiers', 'citizen');
      expect(mine.status).toBe(200);
      filed.token = (mine.body as unknown as { code: string; trackingToken: string }[]).find((dossier) => dossier.code === filed.code)?.trackingToken ?? '';
      expect(filed.token).not.toBe('');
      const receipt = await fetch(`${platform.gateway.url}/api/v1/dossiers/${filed.code}/forms/receipt?token=${filed.token}`, {
        headers: { authorization: `Bearer ${clerk}` },
      });
      expect({ status: receipt.status, body: receipt.ok ? '' : await receipt.text() }).toEqual({ status: 200, body: '' });
      const [firstPage] = pdftoppm(Buffer.from(await receipt.arrayBuffer()), 100);
      const link = decodeQr(firstPage as Buffer) ?? '';
      expect(link).toBe(`${platform.gateway.url}/cong-dan/tra-cuu/${filed.code}?token=${filed.token}`);

      tracker = await phone();
      const started = Date.now();
      await tracker.goto(link);
      await tracker.getByTestId('trang-thai').filter({ hasText: 'Đang giải quyết' }).waitFor();
      // The figures of docs/benchmarks.md ("Citizen portal"): printed, never asserted — the machine is shared.
      const usableMs = Date.now() - started;
      const transferred = await tracker.evaluate(() =>
        [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((entry) => ({
          name: entry.name.replace(location.origin, ''),
          bytes: (entry as PerformanceResourceTiming).transferSize,
        })),
      );
      process.stdout.write(
        `portal tracking page, cold, slow 3G: usable after ${usableMs} ms; ${transferred.length} requests, ` +
          `${transferred.reduce((sum, entry) => sum + entry.bytes, 0)} bytes transferred\n` +
          transferred.map((entry) => `  ${entry.bytes}\t${entry.name}`).join('\n') +
          '\n',
      );
      await trackerShows('Đang giải quyết');
      await checkPage(tracker, 'tra-cuu');
    },
    JOURNEY_MS,
  );

  it(
    "answers the officer's supplement request once, on the portal",
    async () => {
      await act('tiepnhan.lvt', 'hand_over');
      await act('vanthu.lvt', 'hand_over');
      await act('chuyenvien.lvt', 'request_supplement', { reason: 'Giấy chứng sinh chụp mờ, không đọc được số.', missing: ['Giấy chứng sinh'] });
      await trackerShows('Chờ bổ sung hồ sơ');

      await reload(citizen, '/ho-so');
      await citizen.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
      await citizen.getByRole('heading', { name: 'Cần bổ sung giấy tờ' }).waitFor();
      expect(await citizen.locator('main').innerText()).toContain('Giấy chứng sinh chụp mờ');
      await checkPage(citizen, 'ho-so-can-bo-sung');
      await citizen.getByRole('button', { name: 'Bổ sung giấy tờ' }).click();
      await citizen.getByRole('heading', { name: 'Bổ sung giấy tờ', exact: true }).waitFor();
      await citizen.getByRole('button', { name: 'Gửi phần bổ sung' }).click();
      await citizen.getByText('Đánh dấu giấy tờ bạn bổ sung.').waitFor();
      await citizen.getByRole('checkbox', { name: 'Giấy chứng sinh' }).check();
      // The missing paper is answered by its file.
      await citizen.getByRole('button', { name: 'Gửi phần bổ sung' }).click();
      await citizen.locator('#bo-sung-1-loi').filter({ hasText: 'Chụp ảnh hoặc chọn tệp' }).waitFor();
      await citizen.locator('#bo-sung-1-tep').setInputFiles(FILES.birthCertificateAgain);
      await citizen.getByText(FILES.birthCertificateAgain.name).waitFor();
      await checkPage(citizen, 'bo-sung');
      await citizen.getByRole('button', { name: 'Gửi phần bổ sung' }).click();
      await citizen.getByRole('heading', { name: 'Đã gửi phần bổ sung' }).waitFor();
      await trackerShows('Đang giải quyết');
      // The new photo is version 2 of the component; the blurred one is kept.
      const files = await (await asCitizen())('GET', `/dossiers/${filed.code}/documents`, 'citizen');
      expect(files.body.documents.filter((document: { component: string }) => document.component === '2')).toEqual([
        expect.objectContaining({ version: 1, current: false, purpose: 'submission', sha256: sha256(FILES.birthCertificate.buffer) }),
        expect.objectContaining({ version: 2, current: true, purpose: 'supplement', filename: FILES.birthCertificateAgain.name, sha256: sha256(FILES.birthCertificateAgain.buffer) }),
      ]);

      // Once: the page has no open request left, and the API refuses a second answer.
      await reload(citizen, `/ho-so/${filed.code}/bo-sung`);
      await citizen.getByRole('heading', { name: 'Không có yêu cầu bổ sung' }).waitFor();
      const again = await (await asCitizen())('POST', `/dossiers/${filed.code}/actions`, 'citizen', {
        action: 'receive_supplement',
        supplied: [{ name: 'Giấy chứng sinh' }],
      });
      expect(again.status).toBe(409);
    },
    JOURNEY_MS,
  );

  it(
    'downloads the electronic result after approval, and takes one rating of the returned dossier, tokens renewed all along',
    async () => {
      await act('chuyenvien.lvt', 'hand_over');
      await act('lanhdao.lvt', 'approve');
      await trackerShows('Đã phê duyệt, chờ phát hành kết quả');
      // An electronic result is issued once the leader has signed it; the signed copy becomes the dossier's result
      // and goes to the citizen's store.
      const signed = await leaderSignedResult(platform, filed.code, await renderPdf({ defaultStyle: { font: 'Tinos' }, content: ['TRÍCH LỤC KHAI SINH'] }));
      signedResult.sha256 = signed.documentSha256;
      await act('tiepnhan.lvt', 'issue_result', { electronicResult: true });
      await trackerShows('Có kết quả, chờ trả');
      await act('tiepnhan.lvt', 'return_result');
      await trackerShows('Đã trả kết quả');

      await reload(citizen, `/ho-so/${filed.code}`);
      await citizen.getByRole('heading', { name: 'Kết quả', exact: true }).waitFor();
      const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('button', { name: 'Tải kết quả về máy' }).click()]);
      expect(download.suggestedFilename()).toBe('ket-qua-da-ky.pdf');
      expect(sha256(readFileSync(await download.path()))).toBe(signedResult.sha256);
      await checkPage(citizen, 'ket-qua');
      // The token the sign-in gave has expired by now (waited for if the journey was quick): the API refuses it.
      const untilExpired = claimsOf(signedIn.tokens.access_token).exp * 1_000 + 2_000 - Date.now();
      if (untilExpired > 0) await citizen.waitForTimeout(untilExpired);
      expect((await gatewayCaller(() => platform, { first: signedIn.tokens.access_token })('GET', '/citizen/dossiers', 'first')).status).toBe(401);
      await citizen.getByRole('button', { name: 'Đánh giá mức độ hài lòng' }).click();
      await citizen.getByRole('heading', { name: 'Đánh giá việc giải quyết hồ sơ' }).waitFor();
      await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await citizen.locator('#duration-loi').filter({ hasText: 'Thời gian giải quyết' }).waitFor();
      for (const criterion of ['reception', 'duration', 'attitude', 'result', 'costs']) {
        await citizen.locator(`input[name=${criterion}][value=${criterion === 'duration' ? 'satisfied' : 'very_satisfied'}]`).check();
      }
      await checkPage(citizen, 'danh-gia');
      await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await citizen.getByRole('heading', { name: 'Cảm ơn bạn đã đánh giá' }).waitFor();
      // Signed in once, past that token's life: the rating went with a token from a refresh, the refresh token rotated.
      const now = await tokensOf(citizen);
      expect(claimsOf(now.access_token).iat).toBeGreaterThan(claimsOf(signedIn.tokens.access_token).exp - 60);
      expect(now.refresh_token).not.toBe(signedIn.tokens.refresh_token);

      await reload(citizen, `/ho-so/${filed.code}/danh-gia`);
      await citizen.getByRole('heading', { name: 'Bạn đã đánh giá hồ sơ này' }).waitFor();
      const again = await call('POST', `/tracking/${filed.code}/rating`, null, {
        token: filed.token,
        scores: { reception: 'neutral', duration: 'neutral', attitude: 'neutral', result: 'neutral', costs: 'neutral' },
      });
      expect(again.status).toBe(409);
      await checkPage(citizen, 'ho-so-cua-toi-da-danh-gia');
    },
    JOURNEY_MS,
  );

  it(
    '"Giấy tờ của tôi" keeps the result, and a new dossier reuses it with no upload',
    async () => {
      await reload(citizen, '/giay-to');
      await citizen.getByRole('heading', { name: 'Giấy tờ của tôi' }).waitFor();
      await citizen.locator('.result-list strong', { hasText: 'Trích lục khai sinh' }).waitFor();
      expect(await citizen.locator('main').innerText()).toContain(`hồ sơ ${filed.code}`);
      const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('button', { name: 'Tải về Trích lục khai sinh' }).click()]);
      expect(sha256(readFileSync(await download.path()))).toBe(signedResult.sha256);
      await checkPage(citizen, 'giay-to-cua-toi');

      await reload(citizen, '/thu-tuc/2.000635');
      await citizen.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
      await citizen.getByRole('heading', { name: 'Bạn nộp hồ sơ ở đâu?' }).waitFor();
      await citizen.locator('#noi-nop').click();
      await citizen.keyboard.type('luong van tri');
      await citizen.locator('.ant-select-item-option', { hasText: 'Lương Văn Tri' }).first().waitFor();
      await citizen.keyboard.press('Enter');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByRole('heading', { name: 'Ai là người yêu cầu?' }).waitFor();
      await citizen.fill('#fullName', CITIZEN.fullName);
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByRole('heading', { name: 'Giấy tờ bạn nộp' }).waitFor();
      await citizen.locator('#thanh-phan-1-tep').setInputFiles(FILES.copyRequest);
      expect(await citizen.locator('#thanh-phan-2-kho option').nth(1).textContent()).toContain(`Trích lục khai sinh — hồ sơ ${filed.code}`);
      await citizen.locator('#thanh-phan-2-kho').selectOption({ index: 1 });
      await citizen.getByText('Dùng giấy tờ trong kho:').waitFor();
      await checkPage(citizen, 'giay-to-dung-lai');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByRole('heading', { name: 'Bạn muốn nhận kết quả thế nào?' }).waitFor();
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByRole('heading', { name: 'Kiểm tra lại trước khi nộp' }).waitFor();
      expect(await citizen.locator('main').innerText()).toContain('Trích lục hộ tịch đã cấp: trong kho Trích lục khai sinh');
      await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      await citizen.getByRole('heading', { name: 'Đã nộp hồ sơ' }).waitFor();
      const second = ((await citizen.getByTestId('ma-ho-so').textContent()) ?? '').trim();
      await citizen.locator('[data-testid=gui-tep-1][data-state=done]').waitFor();
      await citizen.locator('[data-testid=gui-tep-2][data-state=done]').waitFor();

      const api = await asCitizen();
      expect((await api('GET', `/dossiers/${second}`, 'citizen')).body.components).toEqual([
        expect.objectContaining({ name: 'Tờ khai cấp bản sao trích lục hộ tịch', digitised: true, reusedFromStore: false }),
        expect.objectContaining({ name: 'Trích lục hộ tịch đã cấp', digitised: false, reusedFromStore: true }),
      ]);
      const files = (await api('GET', `/dossiers/${second}/documents`, 'citizen')).body.documents;
      expect(files).toEqual([
        expect.objectContaining({ component: '1', purpose: 'submission', sha256: sha256(FILES.copyRequest.buffer) }),
        expect.objectContaining({ component: '2', purpose: 'reuse', sha256: signedResult.sha256 }),
      ]);
      expect((await api('GET', `/citizens/${CITIZEN.idNumber}/documents`, 'citizen')).body.documents).toEqual([
        expect.objectContaining({ title: 'Trích lục khai sinh', sourceDossierCode: filed.code, reuseCount: 1 }),
      ]);
    },
    JOURNEY_MS,
  );

  it(
    "never shows the dossier to another citizen's account",
    async () => {
      const other = await phone();
      await other.goto(portal('/ho-so'));
      await signInWithVneid(other, OTHER_CITIZEN);
      await other.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor();
      await other.getByText('Bạn chưa có hồ sơ nào.').waitFor();
      expect(await other.locator('main').innerText()).not.toContain(filed.code);
      await checkPage(other, 'ho-so-cua-toi');
      await other.goto(portal(`/ho-so/${filed.code}`));
      await other.getByText('Không tìm thấy hồ sơ này trong hồ sơ của bạn').waitFor();
      const token = await tokenOf(other);
      const api = gatewayCaller(() => platform, { other: token });
      expect((await api('GET', `/dossiers/${filed.code}`, 'other')).status).toBe(404);
      expect((await api('GET', '/citizen/dossiers', 'other')).body).toEqual([]);
      // Nor the first citizen's documents: their store is theirs alone.
      await other.goto(portal('/giay-to'));
      await other.getByText('Bạn chưa có giấy tờ nào trong kho.').waitFor();
      expect((await api('GET', `/citizens/${CITIZEN.idNumber}/documents`, 'other')).status).toBe(404);
      await other.context().close();
    },
    JOURNEY_MS,
  );

  it(
    'serves the bundle compressed at build time to a browser that asks, with the caching each file needs',
    async () => {
      const page = await rawGet(portal('/tra-cuu/05983-000000-0000'), 'gzip, deflate, br');
      expect({ status: page.status, encoding: page.headers['content-encoding'], vary: page.headers.vary, cache: page.headers['cache-control'] }).toEqual({
        status: 200,
        encoding: 'br',
        vary: 'accept-encoding',
        cache: 'no-cache',
      });
      const html = (await rawGet(portal('/'))).body.toString();
      const script = /src="(\/cong-dan\/assets\/index-[^"]+\.js)"/.exec(html)?.[1] as string;
      expect(script).toBeDefined();
      const plain = await rawGet(`${platform.gateway.url}${script}`);
      const gzipped = await rawGet(`${platform.gateway.url}${script}`, 'gzip');
      const brotli = await rawGet(`${platform.gateway.url}${script}`, 'br;q=1, gzip;q=0.5');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(brotli.headers['content-encoding']).toBe('br');
      for (const answer of [plain, gzipped, brotli]) {
        expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(answer.headers.vary).toContain('accept-encoding');
      }
      // The same script, a quarter of the bytes or less.
      expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
      expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
      expect(brotli.body.length).toBeLessThan(plain.body.length / 3);
      process.stdout.write(`portal shell script ${script}: ${plain.body.length} bytes, gzip ${gzipped.body.length}, br ${brotli.body.length}\n`);
    },
    JOURNEY_MS,
  );

  it(
    'keeps only the shell in the service worker cache, never an answer of the API',
    async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto(portal('/tra-cuu/05983-000000-0000?token=sai'));
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // Controlled from the next load on: the page and a tracking answer go through the worker.
      await page.reload();
      await page.getByText('Không tìm thấy hồ sơ').first().waitFor();
      await page.evaluate(() => fetch('/api/v1/catalog/procedures?q=khai+sinh').then((response) => response.json()));
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        return urls;
      });
      expect(cached).toContain('/cong-dan/');
      expect(cached.some((url) => url.startsWith('/cong-dan/assets/'))).toBe(true);
      expect(cached.filter((url) => !url.startsWith('/cong-dan/'))).toEqual([]);
      expect(cached.filter((url) => url.includes('tra-cuu') || url.includes('/api/'))).toEqual([]);
      await context.close();
    },
    JOURNEY_MS,
  );
});
