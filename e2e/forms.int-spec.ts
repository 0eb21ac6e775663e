import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogService } from '@mc/catalog';
import { documentsService } from '@mc/documents';
import { CLOCK, createDossierModule, dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { decodeQr, freePort, pdftoppm, pdftotext, waitFor, words } from '@mc/local-infra';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

const S3rver = require('@20minutes/s3rver');

const PUBLIC_BASE_URL = 'https://dichvucong.langson.gov.vn';

/**
 * The official forms through the gateway, rendered by the documents service
 * from what the real dossier, identity and catalog services hold, with real
 * tokens: the text layer read back by pdftotext, the QR code by jsQR.
 */
describe('official forms as PDF, through the gateway', () => {
  let platform: InProcessPlatform;
  let s3: { close(): Promise<void> };
  let s3Dir: string;
  let now = new Date('2026-02-12T09:00:00+07:00');
  const tokens: Record<string, string> = {};
  const at = (instant: string) => {
    now = new Date(instant);
  };

  const call = gatewayCaller(() => platform, tokens);
  const act = async (code: string, who: string, action: string, extra: Record<string, unknown> = {}) => {
    const reply = await call('POST', `/dossiers/${code}/actions`, who, { action, ...extra });
    expect(reply).toMatchObject({ status: 200 });
  };
  const pdf = async (route: string, who: string | null) => {
    const response = await fetch(`${platform.gateway.url}/api/v1${route}`, { headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), body };
  };
  const receive = async (fullName: string) => {
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999002',
      channel: 'counter',
      applicant: { kind: 'individual', fullName, idNumber: '020095001234', phone: '0912345678', address: 'Số 5 đường Trần Đăng Ninh, phường Lương Văn Tri' },
      components: [{ name: 'Tờ khai đăng ký kết hôn' }, { name: 'Giấy xác nhận tình trạng hôn nhân', copyType: 'certified_copy' }],
    });
    expect(received.status).toBe(201);
    return received.body.receipt as { code: string; tracking: { token: string } };
  };

  beforeAll(async () => {
    s3Dir = mkdtempSync(path.join(tmpdir(), 'mc-s3-'));
    const s3Port = await freePort();
    s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: s3Dir, silent: true });
    await (s3 as unknown as { run(): Promise<unknown> }).run();
    const dossier = { ...dossierService, module: createDossierModule({ clock: { provide: CLOCK, useValue: { now: () => now } } }) };
    platform = await startInProcess([identityService, catalogService, dossier, documentsService], {
      DOSSIER_DEADLINE_CHECK_MS: '0',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      PUBLIC_BASE_URL,
    });
    for (const username of ['admin.tinh', 'tiepnhan.lvt', 'tiepnhan.dk', 'vanthu.lvt', 'chuyenvien.lvt', 'lanhdao.lvt']) {
      tokens[username] = await passwordToken(platform.issuer, username);
    }
    await publishThreeDayProcedure(call, {
      code: '1.999002',
      name: 'Đăng ký kết hôn (thử nghiệm biểu mẫu)',
      components: [
        { name: 'Tờ khai đăng ký kết hôn', copyType: 'original', quantity: 1, reusable: false },
        { name: 'Giấy xác nhận tình trạng hôn nhân', copyType: 'original', quantity: 1, reusable: true },
      ],
      result: { type: 'certificate', name: 'Giấy chứng nhận kết hôn' },
    });
    const days = await call('PUT', '/calendar/2026/days', 'admin.tinh', {
      holidays: ['16', '17', '18', '19', '20'].map((day) => ({ date: `2026-02-${day}`, name: 'Tết Nguyên đán' })),
    });
    expect(days.status).toBe(200);
    await waitFor('the commune known to the catalog', async () => (await call('GET', '/calendar/2026?unit=05983', null)).status === 200);
    await dossierCaughtUp(platform);
  });

  afterAll(async () => {
    await platform?.stop();
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it('answers the receiving clerk Mẫu 01 with the dossier data and a QR code of the tracking link, and another commune 404', async () => {
    at('2026-02-12T09:00:00+07:00');
    const { code, tracking } = await receive('Hoàng Thị Ngọc Ánh');

    const receipt = await pdf(`/dossiers/${code}/forms/receipt?token=${tracking.token}`, 'tiepnhan.lvt');
    expect(receipt.status).toBe(200);
    expect(receipt.type).toBe('application/pdf');
    const text = words(pdftotext(receipt.body));
    for (const printed of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND PHƯỜNG LƯƠNG VĂN TRI',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG LƯƠNG VĂN TRI',
      'Lạng Sơn, ngày 12 tháng 02 năm 2026',
      'Mẫu số 01 (TT 03/2025/TT-VPCP)',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${code}`,
      'Hoàng Thị Ngọc Ánh',
      'Số 5 đường Trần Đăng Ninh, phường Lương Văn Tri',
      'Đăng ký kết hôn (thử nghiệm biểu mẫu)',
      'Giấy xác nhận tình trạng hôn nhân',
      'Bản sao có chứng thực',
      'theo quy định là: 3 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 12/02/2026',
      // Three working days over Tết, as the dossier service computed them.
      '5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 24/02/2026',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      // The clerk's full name from identity, not the username.
      'Nguyễn Thu Hà',
    ]) {
      expect(text).toContain(printed);
    }
    const [page] = pdftoppm(receipt.body, 100);
    expect(decodeQr(page!)).toBe(`${PUBLIC_BASE_URL}/cong-dan/tra-cuu/${code}?token=${tracking.token}`);

    expect((await pdf(`/dossiers/${code}/forms/receipt?token=${tracking.token}`, 'tiepnhan.dk')).status).toBe(404);
    expect((await pdf(`/dossiers/${code}/forms/control-slip`, 'tiepnhan.dk')).status).toBe(404);
    expect((await pdf(`/dossiers/${code}/forms/receipt?token=${tracking.token}`, null)).status).toBe(401);
  });

  it('reprints Mẫu 01 later for the receiving clerk with the same QR code, and to no one else', async () => {
    at('2026-02-12T09:05:00+07:00');
    const { code, tracking } = await receive('Lường Thị Mai');
    // Later, without the receipt at hand: the token comes from the dossier service.
    at('2026-02-20T14:00:00+07:00');
    const reprint = await pdf(`/dossiers/${code}/forms/receipt`, 'tiepnhan.lvt');
    expect(reprint.status).toBe(200);
    expect(words(pdftotext(reprint.body))).toContain(`Mã hồ sơ: ${code}`);
    const [page] = pdftoppm(reprint.body, 100);
    expect(decodeQr(page!)).toBe(`${PUBLIC_BASE_URL}/cong-dan/tra-cuu/${code}?token=${tracking.token}`);

    // A specialist may read the dossier but did not issue the receipt: no reprint, and the token is not handed out.
    const specialist = await call('GET', `/dossiers/${code}/forms/receipt`, 'chuyenvien.lvt');
    expect(specialist.status).toBe(403);
    expect(specialist.body.error).toEqual({
      code: 'FORBIDDEN',
      message: `Chỉ cán bộ tiếp nhận của đơn vị đã nhận hồ sơ ${code} mới in lại được giấy tiếp nhận và hẹn trả kết quả (mang mã tra cứu của công dân).`,
    });
    expect(JSON.stringify(specialist.body)).not.toContain(tracking.token);
    expect((await call('GET', `/dossiers/${code}/forms/receipt`, 'tiepnhan.dk')).status).toBe(404);
    expect((await call('GET', `/dossiers/${code}/forms/receipt`, null)).status).toBe(401);
  });

  it('refuses a receipt with a wrong token, and a form it does not know, with a code and a Vietnamese message', async () => {
    at('2026-02-12T09:10:00+07:00');
    const { code } = await receive('Lường Văn Đức');
    const empty = await call('GET', `/dossiers/${code}/forms/receipt?token=`, 'tiepnhan.lvt');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(empty.body.error.message).toContain('Mã tra cứu (token) không được để trống.');
    expect((await call('GET', `/dossiers/${code}/forms/receipt?token=khong-dung`, 'tiepnhan.lvt')).status).toBe(404);
    const unknown = await call('GET', `/dossiers/${code}/forms/mau-99`, 'tiepnhan.lvt');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('Biểu mẫu phải là một trong');
    // A form the dossier has not reached yet.
    const apology = await call('GET', `/dossiers/${code}/forms/apology`, 'tiepnhan.lvt');
    expect(apology.status).toBe(404);
    expect(apology.body.error).toEqual({ code: 'NOT_FOUND', message: `Hồ sơ ${code} chưa có văn bản xin lỗi.` });
  });

  it('prints the supplement request, the apology, the stop notice and the control slip from what the handlers recorded', async () => {
    at('2026-02-12T09:20:00+07:00');
    const { code } = await receive('Vi Thị Lan');
    at('2026-02-12T10:00:00+07:00');
    await act(code, 'tiepnhan.lvt', 'hand_over');
    at('2026-02-12T14:00:00+07:00');
    await act(code, 'vanthu.lvt', 'hand_over');
    at('2026-02-13T09:00:00+07:00');
    await act(code, 'chuyenvien.lvt', 'request_supplement', {
      reason: 'Giấy xác nhận tình trạng hôn nhân đã quá sáu tháng.',
      missing: ['Giấy xác nhận tình trạng hôn nhân cấp trong sáu tháng gần nhất'],
    });
    at('2026-02-13T10:00:00+07:00');
    await act(code, 'tiepnhan.lvt', 'receive_supplement');
    at('2026-02-23T08:30:00+07:00');
    await act(code, 'lanhdao.lvt', 'apologise', { reason: 'Cần xác minh thêm tại xã Chi Lăng.', newDueAt: '2026-02-27T16:00:00+07:00' });
    at('2026-02-25T15:00:00+07:00');
    await act(code, 'lanhdao.lvt', 'stop', { reason: 'Người yêu cầu đề nghị dừng giải quyết.' });

    const supplement = words(pdftotext((await pdf(`/dossiers/${code}/forms/supplement-request`, 'chuyenvien.lvt')).body));
    for (const printed of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Lạng Sơn, ngày 13 tháng 02 năm 2026',
      'Hồ sơ của: Vi Thị Lan',
      '1. Giấy xác nhận tình trạng hôn nhân cấp trong sáu tháng gần nhất',
      'Lý do: Giấy xác nhận tình trạng hôn nhân đã quá sáu tháng.',
      'Lường Văn Đức',
    ]) {
      expect(supplement).toContain(printed);
    }

    const apology = words(pdftotext((await pdf(`/dossiers/${code}/forms/apology`, 'lanhdao.lvt')).body));
    for (const printed of [
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN',
      'Lạng Sơn, ngày 23 tháng 02 năm 2026',
      'Lý do: Cần xác minh thêm tại xã Chi Lăng.',
      '16 giờ 00 phút, ngày 27/02/2026',
      'Vi Văn Thắng',
    ]) {
      expect(apology).toContain(printed);
    }

    const stop = words(pdftotext((await pdf(`/dossiers/${code}/forms/stop-notice`, 'tiepnhan.lvt')).body));
    expect(stop).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(stop).toContain('Lý do: Người yêu cầu đề nghị dừng giải quyết.');
    expect(stop).toContain('kể từ 15 giờ 00 phút, ngày 25/02/2026');

    const slip = words(pdftotext((await pdf(`/dossiers/${code}/forms/control-slip`, 'tiepnhan.lvt')).body));
    expect(slip).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(slip).toContain('Văn phòng chuyển hồ sơ');
    expect(slip).toContain('Thẩm định');
    expect(slip).toContain('10:00 12/02/2026');
  });

  it('prints the refusal of a dossier the leader refused, and the tracking book of the day', async () => {
    at('2026-02-12T11:00:00+07:00');
    const { code } = await receive('Nông Văn Dũng');
    await act(code, 'tiepnhan.lvt', 'hand_over');
    await act(code, 'vanthu.lvt', 'hand_over');
    await act(code, 'chuyenvien.lvt', 'hand_over');
    await act(code, 'lanhdao.lvt', 'refuse', { reason: 'Một bên chưa đủ tuổi kết hôn theo quy định.' });

    const refusal = words(pdftotext((await pdf(`/dossiers/${code}/forms/refusal`, 'tiepnhan.lvt')).body));
    expect(refusal).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(refusal).toContain('Một bên chưa đủ tuổi kết hôn theo quy định.');
    expect(refusal).toContain('Vi Văn Thắng');

    const book = await pdf('/tracking-books/05983/form?from=2026-02-12&to=2026-02-12', 'tiepnhan.lvt');
    expect(book.status).toBe(200);
    const text = words(pdftotext(book.body));
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain('Từ ngày 12/02/2026 đến ngày 12/02/2026');
    for (const name of ['Hoàng Thị Ngọc Ánh', 'Lường Văn Đức', 'Vi Thị Lan', 'Nông Văn Dũng', code]) expect(text).toContain(name);
    expect((await pdf('/tracking-books/05983/form?from=2026-02-12&to=2026-02-12', 'tiepnhan.dk')).status).toBe(404);
  });
});
