import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { catalogService } from '@mc/catalog';
import { documentsService, renderPdf } from '@mc/documents';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { freePort, waitFor } from '@mc/local-infra';
import { RemoteSigningSimulator } from '@mc/remote-signing-simulator';
import { ensureTestCa, readKey } from '@mc/signing';
import { signaturesService } from '@mc/signatures';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from '../support';
import { CONSOLE_DIR, ensureConsoleBuilt, launchChromium, screenshot, seriousViolations, signIn } from './console-browser';

const S3rver = require('@20minutes/s3rver');

const STAFF = ['admin.tinh', 'tiepnhan.lvt', 'vanthu.lvt', 'chuyenvien.lvt', 'lanhdao.lvt'];

// Every step signs in through the issuer and drives a screen; on the shared two-core machine one takes minutes.
jest.setTimeout(300_000);

/**
 * Electronic results on the staff console, in Debian's Chromium against the
 * real platform with the documents and signatures services: the specialist
 * uploads the draft result, the clerk's issue is refused until the leader has
 * signed, the leader signs on the dossier page by keyboard (on the phone,
 * through the remote-signing simulator: refused once, then asked again), the
 * seal counter-signs, and the clerk issues it; any signed PDF is checked on the verify page.
 */
describe('signing an electronic result on the console', () => {
  let platform: InProcessPlatform;
  let browser: Browser;
  let simulator: RemoteSigningSimulator;
  let s3: { close(): Promise<void> };
  let dir: string;
  let code = '';
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);

  const tabTo = async (page: Page, selector: string) => {
    for (let presses = 0; presses < 60; presses++) {
      if (await page.locator(selector).evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  /** The file chooser opened from the keyboard, answered as the clerk would pick the file. */
  const choosePdf = async (page: Page, button: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
    // Listening first: Playwright starts intercepting the chooser only once someone listens, and that takes a round trip.
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, button);
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(file);
  };
  const openDossier = async (username: string) => {
    const page = await signIn(browser, platform.gateway.url, platform.issuer, username);
    page.setDefaultTimeout(90_000);
    await page.goto(`${platform.gateway.url}/ho-so/${code}`);
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    return page;
  };
  const issueAtReturnDesk = async (page: Page) => {
    await page.goto(`${platform.gateway.url}/tra-ket-qua`);
    await page.getByRole('heading', { name: 'Trả kết quả' }).waitFor();
    await page.getByRole('button', { name: `Phát hành kết quả hồ sơ ${code}` }).click();
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'mc-console-signatures-'));
    const ca = await ensureTestCa(path.join(dir, 'ca'), 'demo-password');
    simulator = await RemoteSigningSimulator.start({ keys: (id) => (ca.keys[id] ? readKey(ca, id) : Promise.resolve(null)), confirmAfterMs: 1_500 });
    const s3Port = await freePort();
    s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: path.join(dir, 's3'), silent: true });
    await (s3 as unknown as { run(): Promise<unknown> }).run();
    // The issuer only redirects to registered URIs: the gateway's port is chosen before it starts.
    const gatewayPort = await freePort();
    platform = await startInProcess([identityService, catalogService, dossierService, documentsService, signaturesService], {
      GATEWAY_PORT: String(gatewayPort),
      OIDC_REDIRECT_URIS: `http://127.0.0.1:${gatewayPort}/`,
      CONSOLE_DIR,
      DOSSIER_DEADLINE_CHECK_MS: '0',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      SIGNATURES_CA_DIR: path.join(dir, 'ca'),
      SIGNATURES_KEY_PASSWORD: 'demo-password',
      SIGNATURES_REMOTE_URL: simulator.url,
      // The leader signs on the phone; the seal's key is a PKCS#12 file.
      SIGNATURES_REMOTE_SIGNERS: 'lanhdao.lvt',
      SIGNATURES_REMOTE_POLL_MS: '200',
      SIGNATURES_REMOTE_WAIT_MS: '60000',
      BUS_REQUEST_TIMEOUT_MS: '30000',
    });
    for (const username of STAFF) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: '1.999015',
      name: 'Đăng ký khai sinh (kết quả điện tử)',
      components: [{ name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy khai sinh' },
    });
    await dossierCaughtUp(platform);
    // A dossier returned electronically, handed on to the specialist.
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999015',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Lương Thị Mai', idNumber: '020095001777' },
      components: [{ name: 'Tờ khai đăng ký khai sinh' }],
      returnMethod: 'electronic',
    });
    expect(received.status).toBe(201);
    code = received.body.receipt.code as string;
    for (const who of ['tiepnhan.lvt', 'vanthu.lvt']) expect((await call('POST', `/dossiers/${code}/actions`, who, { action: 'hand_over' })).status).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await simulator?.close();
    await s3?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lets the specialist upload the draft result from the dossier page', async () => {
    const page = await openDossier('chuyenvien.lvt');
    await page.getByText('Chưa có dự thảo kết quả.').waitFor();
    // No sign button for a specialist.
    expect(await page.locator('#sign-result').count()).toBe(0);
    const draft = await renderPdf({
      defaultStyle: { font: 'Tinos', fontSize: 13 },
      content: [{ text: 'UBND PHƯỜNG LƯƠNG VĂN TRI', bold: true }, { text: 'GIẤY KHAI SINH', bold: true, alignment: 'center', margin: [0, 24, 0, 12] }, `Họ và tên: Lương Thị Mai. Hồ sơ ${code}.`],
    });
    await choosePdf(page, '#draft-result-button', { name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: draft });
    await page.getByText(/^Dự thảo kết quả: giay-khai-sinh\.pdf \(phiên bản 1\), chuyenvien\.lvt tải lên lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./).waitFor();
    const stored = (await call('GET', `/dossiers/${code}/documents`, 'chuyenvien.lvt')).body.documents as { component: string; filename: string; size: number }[];
    expect(stored).toEqual([expect.objectContaining({ component: 'result', filename: 'giay-khai-sinh.pdf', size: draft.length })]);
    await page.context().close();
    expect((await call('POST', `/dossiers/${code}/actions`, 'chuyenvien.lvt', { action: 'hand_over' })).status).toBe(200);
    expect((await call('POST', `/dossiers/${code}/actions`, 'lanhdao.lvt', { action: 'approve' })).body.state).toBe('approved');
  });

  it('shows the clerk the API’s own message when the electronic result is not signed yet', async () => {
    const page = await signIn(browser, platform.gateway.url, platform.issuer, 'tiepnhan.lvt');
    page.setDefaultTimeout(90_000);
    await issueAtReturnDesk(page);
    const refused = page.getByRole('alert').filter({ hasText: `Kết quả điện tử của hồ sơ ${code} chưa có chữ ký số hợp lệ của lãnh đạo cơ quan giải quyết.` });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Lãnh đạo cần ký số kết quả trước khi phát hành');
    expect((await call('GET', `/dossiers/${code}`, 'tiepnhan.lvt')).body.state).toBe('approved');
    await page.context().close();
  });

  it('lets the leader sign by keyboard on the phone, refused once and asked again, and then the clerk issues the result', async () => {
    const page = await openDossier('lanhdao.lvt');
    await page.getByText('Hồ sơ chưa có chữ ký số nào.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    simulator.holderWill('lanhdao.lvt', 'refuse');
    await tabTo(page, '#sign-result');
    await page.keyboard.press('Enter');
    await page.getByText('Ký số kết quả: đang chờ xác nhận trên điện thoại').waitFor();
    await page.getByText('Ký số kết quả: Người ký đã từ chối ký').waitFor();
    await page.getByText('Người ký đã từ chối yêu cầu ký trên điện thoại; văn bản chưa được ký.').waitFor();
    expect((await call('GET', `/dossiers/${code}/signatures`, 'lanhdao.lvt')).body.signatures).toEqual([]);

    simulator.holderWill('lanhdao.lvt', 'confirm');
    await tabTo(page, '#sign-again');
    await page.keyboard.press('Enter');
    await page.getByText(/^Ký số kết quả: đã ký số lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/).waitFor();
    const signatures = page.locator('.ant-card', { hasText: 'Kết quả điện tử và chữ ký số' });
    await signatures.getByRole('cell', { name: 'Vi Văn Thắng (lanhdao.lvt), đơn vị 05983' }).waitFor();
    const recorded = (await call('GET', `/dossiers/${code}/signatures`, 'lanhdao.lvt')).body.signatures as { kind: string; certificateSerial: string }[];
    expect(recorded).toEqual([expect.objectContaining({ kind: 'result' })]);
    expect(await signatures.getByRole('cell', { name: new RegExp(`số hiệu ${recorded[0]?.certificateSerial}$`) }).count()).toBe(1);
    // Signed: no second signing of the same draft is offered, the seal is.
    expect(await page.locator('#sign-result').count()).toBe(0);
    expect(await page.locator('#seal-result').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // The unit's seal counter-signs (its key is a file at the signatures service, not a phone).
    await tabTo(page, '#seal-result');
    await page.keyboard.press('Enter');
    await page.getByText(/^Đóng dấu số: đã ký số lúc /).waitFor();
    await signatures.getByRole('cell', { name: 'Đóng dấu cơ quan' }).waitFor();
    expect(await page.locator('#seal-result').count()).toBe(0);
    // The leader's signed file checked again now, not only as it was recorded.
    await tabTo(page, '[aria-label="Kiểm tra lại chữ ký của Vi Văn Thắng"]');
    await page.keyboard.press('Enter');
    await signatures.getByText(/^Hợp lệ \(kiểm tra lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\)$/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'ky-so-ket-qua');
    await page.context().close();

    await waitFor('the dossier service knows the signature', async () => (await platform.services[2]?.dataSource.query('SELECT 1 FROM result_signatures WHERE dossier_code = $1', [code]))?.length > 0);
    const clerk = await signIn(browser, platform.gateway.url, platform.issuer, 'tiepnhan.lvt');
    clerk.setDefaultTimeout(90_000);
    await issueAtReturnDesk(clerk);
    await clerk.getByRole('button', { name: `Trả kết quả hồ sơ ${code}` }).waitFor();
    expect((await call('GET', `/dossiers/${code}`, 'tiepnhan.lvt')).body.state).toBe('result_ready');
    await clerk.context().close();
  });

  it('checks a signed PDF on the verify page and tells the clerk in Vietnamese', async () => {
    // The sealed result: the leader's signature and the seal's, appended one after the other.
    const sealed = ((await call('GET', `/dossiers/${code}/signatures`, 'tiepnhan.lvt')).body.signatures as { kind: string; documentId: string }[]).find((one) => one.kind === 'seal');
    expect(sealed?.documentId).toEqual(expect.any(String));
    const signed = Buffer.from(await (await fetch(`${platform.gateway.url}/api/v1/documents/${sealed?.documentId}/content`, { headers: { authorization: `Bearer ${tokens['tiepnhan.lvt']}` } })).arrayBuffer());
    expect(signed.subarray(0, 5).toString()).toBe('%PDF-');

    const page = await signIn(browser, platform.gateway.url, platform.issuer, 'tiepnhan.lvt');
    page.setDefaultTimeout(90_000);
    // The clerk's menu is wider than 1366 px: the entry sits in the menu's overflow, the address opens it directly.
    await page.goto(`${platform.gateway.url}/kiem-tra-chu-ky`);
    await page.getByRole('heading', { name: 'Kiểm tra chữ ký số' }).waitFor();
    await choosePdf(page, '#verify-pdf-button', { name: 'giay-khai-sinh-da-ky.pdf', mimeType: 'application/pdf', buffer: signed });
    await page.getByText('Hợp lệ: 2 chữ ký số, chữ ký cuối bao trùm toàn bộ tệp.').waitFor();
    expect(await page.getByText(/Vi Văn Thắng/).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'kiem-tra-chu-ky');

    // A byte changed after signing: the page says so.
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/Producer') + 12;
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    await choosePdf(page, '#verify-pdf-button', { name: 'da-sua.pdf', mimeType: 'application/pdf', buffer: tampered });
    await page.getByText('Không hợp lệ: xem chi tiết bên dưới.').waitFor();
    await page.getByText(/nội dung đã bị sửa sau khi ký/).waitFor();
    await page.context().close();
  });
});
