import { openSync, type Font } from 'fontkit';
import { renderApology } from '../src/forms/render-apology';
import { renderControlSlip } from '../src/forms/render-control-slip';
import { renderReceipt } from '../src/forms/render-receipt';
import { renderRefusal } from '../src/forms/render-refusal';
import { renderStopNotice } from '../src/forms/render-stop-notice';
import { renderSupplementRequest } from '../src/forms/render-supplement-request';
import { renderTrackingBook } from '../src/forms/render-tracking-book';
import { TINOS } from '../src/forms/pdf-engine';
import { APPLICANT, CONTROL_SLIP_LINES, frame, RECEIPT, TRACKING_BOOK, TRACKING_URL } from './form-fixtures';
import { decodeQr, pdftoppm, pdftotext, words } from '@mc/local-infra';

const pageSizes = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) => [Number(match[1]), Number(match[2])]);

const HEADING = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'UBND PHƯỜNG LƯƠNG VĂN TRI', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG LƯƠNG VĂN TRI'];

function expectPrinted(pdf: Buffer, phrases: string[]) {
  const text = words(pdftotext(pdf));
  for (const phrase of phrases) expect(text).toContain(phrase);
}

describe('official forms as PDF', () => {
  it('uses a font with every Vietnamese letter, in all four faces', () => {
    const vowels = 'aăâeêioôơuưy';
    const tones = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
    const letters = new Set<string>('đĐ');
    for (const vowel of vowels + vowels.toUpperCase()) {
      letters.add(vowel);
      for (const tone of tones) letters.add((vowel + tone).normalize('NFC'));
    }
    // Every toned vowel has a precomposed code point; the forms print NFC text.
    expect([...letters].every((letter) => [...letter].length === 1)).toBe(true);
    for (const file of Object.values(TINOS)) {
      const font = openSync(file) as Font;
      expect([...letters].filter((letter) => !font.hasGlyphForCodePoint(letter.codePointAt(0)!))).toEqual([]);
    }
  });

  it('prints Mẫu 01 with the dossier data, diacritics included, on A4, and a QR code that reads back as the tracking link', async () => {
    const pdf = await renderReceipt(frame('2025', 'receipt'), RECEIPT);

    expect(pageSizes(pdf)).toEqual([[595.28, 841.89]]);
    expectPrinted(pdf, [
      ...HEADING,
      'Lạng Sơn, ngày 07 tháng 12 năm 2026',
      'Mẫu số 01 (TT 03/2025/TT-VPCP)',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 05983-261207-0042',
      'Hoàng Thị Ngọc Ánh',
      'Số 18 đường Bà Triệu, khối 7, phường Lương Văn Tri, tỉnh Lạng Sơn',
      'Số điện thoại: 0912345678',
      'Nội dung yêu cầu giải quyết: Đăng ký kết hôn',
      'Tờ khai đăng ký kết hôn',
      'Giấy xác nhận tình trạng hôn nhân',
      'Bản sao có chứng thực',
      '3. Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 07/12/2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 45 phút, ngày 10/12/2026',
      '6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công phường Lương Văn Tri',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Nguyễn Thu Hà',
    ]);
    // The ID number is not a field of the form and stays off the paper handed over the counter.
    expect(pdftotext(pdf)).not.toContain(APPLICANT.kind === 'individual' ? APPLICANT.idNumber : '');

    const [page] = pdftoppm(pdf, 100);
    expect(decodeQr(page!)).toBe(TRACKING_URL);
  });

  it('prints the 2018 receipt under TT 01/2018 when the dossier was received before 1 July 2025', async () => {
    const pdf = await renderReceipt(frame('2018', 'receipt', '2025-06-30T16:00:00+07:00'), { ...RECEIPT, receivedAt: '2025-06-30T16:00:00+07:00' });
    expectPrinted(pdf, ['Mẫu số 01 (TT 01/2018/TT-VPCP)', 'Lạng Sơn, ngày 30 tháng 6 năm 2025', '4. Thời gian nhận hồ sơ: 16 giờ 00 phút, ngày 30/06/2025']);
  });

  it('prints Mẫu 02 with every missing component, the reason and who guided the applicant', async () => {
    const pdf = await renderSupplementRequest(frame('2025', 'supplement', '2026-02-05T14:10:00+07:00'), {
      code: RECEIPT.code,
      applicant: APPLICANT,
      procedureName: 'Đăng ký kết hôn',
      missing: ['Giấy xác nhận tình trạng hôn nhân', 'Bản sao giấy chứng nhận ly hôn đã có hiệu lực'],
      reason: 'Giấy xác nhận đã quá sáu tháng kể từ ngày cấp.',
      issuedByName: 'Lường Văn Đức',
      contact: 'Trung tâm Phục vụ hành chính công phường Lương Văn Tri',
    });
    expectPrinted(pdf, [
      ...HEADING,
      'Lạng Sơn, ngày 05 tháng 02 năm 2026',
      'Mẫu số 02 (TT 03/2025/TT-VPCP)',
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Hồ sơ của: Hoàng Thị Ngọc Ánh',
      '1. Giấy xác nhận tình trạng hôn nhân',
      '2. Bản sao giấy chứng nhận ly hôn đã có hiệu lực',
      'Lý do: Giấy xác nhận đã quá sáu tháng kể từ ngày cấp.',
      'NGƯỜI HƯỚNG DẪN',
      'Lường Văn Đức',
    ]);
  });

  it('prints Mẫu 03 with the reason for refusal', async () => {
    const pdf = await renderRefusal(frame('2025', 'refusal'), {
      code: RECEIPT.code,
      applicant: APPLICANT,
      procedureName: 'Đăng ký kết hôn',
      receivedAt: RECEIPT.receivedAt,
      reason: 'Một bên chưa đủ tuổi kết hôn theo Luật Hôn nhân và gia đình.',
      signer: { position: 'THỦ TRƯỞNG CƠ QUAN', name: 'Vi Văn Thắng' },
    });
    expectPrinted(pdf, [
      ...HEADING,
      'Mẫu số 03 (TT 03/2025/TT-VPCP)',
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'Một bên chưa đủ tuổi kết hôn theo Luật Hôn nhân và gia đình.',
      'Vi Văn Thắng',
    ]);
  });

  it('prints Mẫu 04 with the original and the new appointment, titled as each regime names it', async () => {
    const data = {
      code: RECEIPT.code,
      applicant: APPLICANT,
      procedureName: 'Đăng ký kết hôn',
      receivedAt: RECEIPT.receivedAt,
      originalDueAt: RECEIPT.dueAt,
      reason: 'Cần xác minh thông tin tại Ủy ban nhân dân xã Chi Lăng.',
      newDueAt: '2026-12-15T16:00:00+07:00',
      signerName: 'Vi Văn Thắng',
    };
    const current = await renderApology(frame('2025', 'apology', '2026-12-09T10:00:00+07:00'), data);
    expectPrinted(current, [
      'Mẫu số 04 (TT 03/2025/TT-VPCP)',
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 45 phút, ngày 10/12/2026',
      'Lý do: Cần xác minh thông tin tại Ủy ban nhân dân xã Chi Lăng.',
      '16 giờ 00 phút, ngày 15/12/2026',
      'đề nghị gia hạn',
      'Vi Văn Thắng',
    ]);
    const legacy = await renderApology(frame('2018', 'apology', '2025-03-03T10:00:00+07:00'), data);
    expectPrinted(legacy, ['Mẫu số 04 (TT 01/2018/TT-VPCP)', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Lạng Sơn, ngày 03 tháng 3 năm 2025', 'hẹn lại ngày trả kết quả vào']);
  });

  it('prints the stop notice as 2025 Mẫu 05, and under its plain name in the 2018 regime, which had no form for it', async () => {
    const data = {
      code: RECEIPT.code,
      applicant: APPLICANT,
      procedureName: 'Đăng ký kết hôn',
      receivedAt: RECEIPT.receivedAt,
      stoppedAt: '2026-12-08T15:00:00+07:00',
      reason: 'Người yêu cầu đề nghị dừng để bổ sung giấy tờ ở nước ngoài.',
      signerName: 'Vi Văn Thắng',
    };
    expectPrinted(await renderStopNotice(frame('2025', 'stop'), data), [
      'Mẫu số 05 (TT 03/2025/TT-VPCP)',
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      'kể từ 15 giờ 00 phút, ngày 08/12/2026',
      'Lý do: Người yêu cầu đề nghị dừng để bổ sung giấy tờ ở nước ngoài.',
    ]);
    const legacy = pdftotext(await renderStopNotice(frame('2018', 'stop', '2025-05-05T10:00:00+07:00'), data));
    expect(words(legacy)).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(legacy).not.toContain('Mẫu số');
  });

  it('prints the control slip with one row per hand-over and its verdict', async () => {
    const pdf = await renderControlSlip(frame('2025', 'controlSlip'), {
      code: RECEIPT.code,
      applicant: APPLICANT,
      procedureName: 'Đăng ký kết hôn',
      receivedAt: RECEIPT.receivedAt,
      dueAt: RECEIPT.dueAt,
      competentUnitName: 'Phường Lương Văn Tri',
      partnerUnitNames: ['Công an phường Lương Văn Tri'],
      lines: CONTROL_SLIP_LINES,
    });
    expectPrinted(pdf, [
      'Mẫu số 06 (TT 03/2025/TT-VPCP)',
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Cơ quan phối hợp giải quyết hồ sơ: Công an phường Lương Văn Tri',
      'Nguyễn Thu Hà (tiếp nhận)',
      'Văn phòng chuyển hồ sơ',
      '10:15 07/12/2026',
      'Trước hạn',
      'Quá hạn',
      'Chờ xác minh tình trạng hôn nhân',
    ]);
  });

  it('prints the tracking book on landscape A4, one line per dossier', async () => {
    const pdf = await renderTrackingBook(frame('2025', 'trackingBook'), TRACKING_BOOK);
    expect(pageSizes(pdf)).toEqual([[841.89, 595.28]]);
    expectPrinted(pdf, [
      'Mẫu số 07 (TT 03/2025/TT-VPCP)',
      'SỔ THEO DÕI HỒ SƠ',
      'Từ ngày 01/12/2026 đến ngày 07/12/2026',
      '05983-261201-0001',
      'Lường Văn Đức',
      'Đăng ký khai sinh',
      'Trước hạn',
      'Đang giải quyết',
    ]);
  });
});
