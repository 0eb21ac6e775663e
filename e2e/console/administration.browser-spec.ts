import { catalogService } from '@mc/catalog';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { freePort, waitFor } from '@mc/local-infra';
import { reportingService } from '@mc/reporting';
import type { Browser, Page } from 'playwright-core';
import { gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from '../support';
import { CONSOLE_DIR, ensureConsoleBuilt, holdRequests, launchChromium, screenshot, seriousViolations, signIn } from './console-browser';

/**
 * The province admin's screens, the reports and the operator's view in
 * Debian's Chromium against the real platform (in this process). The dossier
 * the reports count is received and handled through the API in the set-up;
 * the clerk's own screens have their browser tests elsewhere.
 */
describe('administration, reports and operations in the staff console', () => {
  let platform: InProcessPlatform;
  let browser: Browser;
  let admin: Page;
  let dossierCode: string;
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);
  const open = async (path: string, heading: string) => {
    await admin.goto(`${platform.gateway.url}${path}`);
    await admin.getByRole('heading', { name: heading, level: 2 }).waitFor();
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    // The issuer only redirects to registered URIs: the gateway's port is chosen before it starts.
    const gatewayPort = await freePort();
    platform = await startInProcess([identityService, catalogService, dossierService, reportingService], {
      GATEWAY_PORT: String(gatewayPort),
      OIDC_REDIRECT_URIS: `http://127.0.0.1:${gatewayPort}/`,
      CONSOLE_DIR,
    });
    for (const username of ['admin.tinh', 'tiepnhan.lvt', 'vanthu.lvt', 'chuyenvien.lvt', 'lanhdao.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      components: [{ name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'extract', name: 'Trích lục khai sinh' },
    });
    // One dossier of Phường Lương Văn Tri, received and handled to its return today. The dossier service
    // learns the procedure from the catalog's events: on a loaded machine that takes longer than the shared
    // wait allows, and a receipt for a procedure it does not know yet is refused without writing anything.
    const received = await waitFor(
      'the dossier received',
      async () => {
        const reply = await call('POST', '/dossiers', 'tiepnhan.lvt', {
          procedureCode: '1.001193',
          channel: 'counter',
          applicant: { kind: 'individual', fullName: 'Nông Văn Dũng', idNumber: '020095001234', phone: '0912345678' },
          components: [{ name: 'Tờ khai đăng ký khai sinh' }],
        });
        return reply.status === 201 ? reply : undefined;
      },
      120_000,
      500,
    );
    dossierCode = received.body.receipt.code;
    for (const [who, action, extra] of [
      ['tiepnhan.lvt', 'hand_over', {}],
      ['vanthu.lvt', 'hand_over', {}],
      ['chuyenvien.lvt', 'hand_over', {}],
      ['lanhdao.lvt', 'approve', {}],
      ['tiepnhan.lvt', 'issue_result', {}],
      ['tiepnhan.lvt', 'return_result', { returnMethod: 'counter' }],
    ] as const) {
      const reply = await call('POST', `/dossiers/${dossierCode}/actions`, who, { action, ...extra });
      if (reply.status !== 200) throw new Error(`${action}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }

    browser = await launchChromium();
    // Four services, a procedure, a dossier through six steps and a browser: room for a shared, busy machine.
  }, 300_000);

  // A fresh sign-in for each test: the issuer's access tokens live five minutes, and the console does not renew them.
  beforeEach(async () => {
    admin = await signIn(browser, platform.gateway.url, platform.issuer, 'admin.tinh');
  });
  afterEach(() => admin?.context().close());

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('lets the province admin create an account in a commune, which can then sign in', async () => {
    await open('/quan-tri/tai-khoan', 'Tài khoản và phân quyền');
    await admin.locator('#account_unitCode').fill('05977');
    await admin.locator('#account_username').fill('tiepnhan2.dk');
    await admin.locator('#account_fullName').fill('Hoàng Thị Lan');
    await admin.locator('#account_password').fill('MatKhau@2026');
    await admin.locator('#account_role').click();
    await admin.keyboard.type('Tiếp nhận');
    await admin.keyboard.press('Enter');
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'quan-tri-tai-khoan');
    await admin.locator('#account-create').click();
    await admin.getByText('Đã tạo tài khoản tiepnhan2.dk (Hoàng Thị Lan) tại đơn vị 05977.').waitFor();

    // Listed under the province (subunits included) with its grant.
    const row = admin.locator('tr', { hasText: 'tiepnhan2.dk' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Tiếp nhận, trả kết quả · 05977');

    const clerk = await signIn(browser, platform.gateway.url, platform.issuer, 'tiepnhan2.dk', 'MatKhau@2026');
    expect(await clerk.getByRole('menuitem', { name: 'Tiếp nhận hồ sơ' }).count()).toBe(1);
    // A clerk is offered neither administration nor reports.
    expect(await clerk.getByText('Quản trị', { exact: true }).count()).toBe(0);
    expect(await clerk.getByText('Báo cáo', { exact: true }).count()).toBe(0);
    await clerk.context().close();
  });

  it('shows the handled dossier in the timeliness report of its unit, by drill-down from the province, with the exports a click away', async () => {
    // The reporting projection follows the dossier's events: wait until it has applied them.
    await waitFor('the dossier in the reports', async () => {
      const report = await call('GET', `/reports/freshness`, 'admin.tinh');
      return report.status === 200 && report.body.pendingEvents === 0 && report.body.lastEventAt !== null;
    });
    await open('/bao-cao', 'Báo cáo');
    const ward = admin.getByRole('button', { name: 'Phường Lương Văn Tri' });
    await ward.waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'bao-cao-tien-do');

    await ward.click();
    await admin.locator('.ant-breadcrumb', { hasText: 'Phường Lương Văn Tri' }).waitFor();
    const totals = admin.locator('.ant-table-summary tr td');
    await waitFor('the ward’s totals', async () => (await totals.count()) === 9 && (await totals.nth(2).textContent()) === '1');
    const cells = await totals.allTextContents();
    // Received 1, finished before or on time 1, nothing late or open.
    expect(cells[0]).toBe('Tổng cộng');
    expect(Number(cells[3]) + Number(cells[4])).toBe(1);
    expect([cells[5], cells[6], cells[7]]).toEqual(['0', '0', '0']);

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-.*05983.*\.xlsx$/);

    await admin.getByRole('tab', { name: 'Sổ theo dõi hồ sơ' }).click();
    await admin.getByText(dossierCode).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'bao-cao-so-theo-doi');

    for (const tab of ['Hồ sơ trễ hạn', 'Chỉ số QĐ 766', 'Mức độ hài lòng', 'Nhân sự một cửa']) {
      await admin.getByRole('tab', { name: tab }).click();
      const panel = admin.getByRole('tabpanel');
      await panel.getByRole('button', { name: 'Xuất PDF' }).waitFor();
      await panel.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      expect(await panel.getByRole('alert').count()).toBe(0);
      expect(await seriousViolations(admin)).toEqual([]);
    }
    await screenshot(admin, 'bao-cao-nhan-su');
  }, 240_000);

  it('adds a commune under the province and renames it, showing progress while the API works and its message when it refuses', async () => {
    await open('/quan-tri/don-vi', 'Đơn vị');
    // The province is selected first: the new unit goes under it.
    await admin.getByText('Thêm đơn vị trực thuộc Tỉnh Lạng Sơn').waitFor();
    const addUnit = async (code: string, name: string, kind: string) => {
      await admin.locator('#unit_code').fill(code);
      await admin.locator('#unit_name').fill(name);
      await admin.locator('#unit_kind').click();
      await admin.keyboard.type(kind);
      await admin.keyboard.press('Enter');
    };
    await addUnit('06999', 'Xã Thử Nghiệm', 'Xã');
    // The request is held until the button has shown that it is working.
    const release = await holdRequests(admin, '**/api/v1/units');
    const add = admin.getByRole('button', { name: 'Thêm đơn vị' });
    await add.click();
    await admin.locator('button.ant-btn-loading', { hasText: 'Thêm đơn vị' }).waitFor();
    await release();
    await admin.getByText('Đã thêm đơn vị Xã Thử Nghiệm (06999).').waitFor();
    // Working until the tree shows the new unit too.
    await admin.locator('button.ant-btn-loading', { hasText: 'Thêm đơn vị' }).waitFor({ state: 'detached' });

    // A code is never used twice: the identity service's own words, for the admin to act on.
    await addUnit('06999', 'Xã Thử Nghiệm khác', 'Xã');
    await add.click();
    await admin.getByRole('alert').getByText('Mã đơn vị 06999 đã được dùng; mã đơn vị không bao giờ được dùng lại.').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);

    const province = admin.locator('.ant-tree-treenode', { hasText: '(20)' }).first();
    await province.locator('.ant-tree-switcher').click();
    await admin.getByText('Xã Thử Nghiệm (06999)', { exact: true }).click();
    await admin.getByText('Thêm đơn vị trực thuộc Xã Thử Nghiệm').waitFor();
    await admin.locator('#unit-rename_name').fill('Xã Thử Nghiệm Mới');
    await admin.getByRole('button', { name: 'Đổi tên' }).click();
    await admin.getByText('Đã đổi tên thành “Xã Thử Nghiệm Mới”.').waitFor();
    await admin.locator('.ant-tree-treenode', { hasText: 'Xã Thử Nghiệm Mới (06999)' }).waitFor();
    await admin.getByText(/^Xã Thử Nghiệm \(đến \d{2}\/\d{2}\/\d{4}\)$/).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
  }, 240_000);

  it('browses the unit tree to a ward and adds a unit under it', async () => {
    await open('/quan-tri/don-vi', 'Đơn vị');
    const province = admin.locator('.ant-tree-treenode', { hasText: '(20)' }).first();
    await province.locator('.ant-tree-switcher').click();
    await admin.getByText('Phường Lương Văn Tri (05983)').click();
    await admin.locator('#unit_code').fill('05983.TOTHU');
    await admin.locator('#unit_name').fill('Tổ tiếp nhận thử nghiệm');
    await admin.locator('#unit_kind').click();
    await admin.keyboard.type('Cơ quan chuyên môn');
    await admin.keyboard.press('Enter');
    await admin.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await admin.getByText('Đã thêm đơn vị Tổ tiếp nhận thử nghiệm (05983.TOTHU).').waitFor();
    const ward = admin.locator('.ant-tree-treenode', { hasText: '(05983)' }).first();
    await ward.locator('.ant-tree-switcher').click();
    await admin.locator('.ant-tree-treenode', { hasText: 'Tổ tiếp nhận thử nghiệm (05983.TOTHU)' }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'quan-tri-don-vi');
  }, 240_000);

  it('finds a procedure in the catalog and shows its published version', async () => {
    await open('/quan-tri/thu-tuc', 'Danh mục thủ tục hành chính');
    await admin.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    await admin.getByLabel('Tìm thủ tục').press('Enter');
    await admin.getByRole('button', { name: '1.001193' }).click();
    await admin.getByText('Các phiên bản của thủ tục 1.001193').waitFor();
    await admin.locator('.ant-tag', { hasText: 'Đã công bố' }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'quan-tri-thu-tuc');
  });

  it('takes the Labour Code proposal for the year’s days off and announces it', async () => {
    await open('/quan-tri/lich', 'Lịch làm việc');
    await admin.getByRole('button', { name: 'Lấy đề xuất theo Bộ luật Lao động' }).click();
    await admin.locator('.ant-table-row', { hasText: 'Quốc khánh' }).first().waitFor();
    await admin.getByRole('button', { name: /^Công bố lịch nghỉ năm/ }).click();
    await admin.locator('.ant-tag', { hasText: 'Đã công bố' }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'quan-tri-lich');
  });

  it('shows the operator which services answer and how far the reports lag', async () => {
    await open('/van-hanh', 'Vận hành hệ thống');
    await admin.locator('tr', { hasText: 'Định danh, tài khoản (identity)' }).getByText('Hoạt động').waitFor();
    // The documents, signatures and postal services are not started in this test.
    await admin.locator('tr', { hasText: 'Bưu chính (postal)' }).getByText('Không phản hồi').waitFor();
    await admin.getByText('Thay đổi chưa cập nhật vào báo cáo').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'van-hanh');
  });
});
