import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { ensureTestCa, readKey, TimestampAuthority, type TestCa } from '@mc/signing';
import { pdftoppm, pdftotext, words } from '@mc/local-infra';
import { clerkReport, LocalPkcs12Signer, PadesSigner, verifyPdfSignatures, type TrustStore } from '@mc/signatures';
import { renderPdf, renderReceipt } from '@mc/documents';
import { nssTrusting, pdfsig } from './pdfsig';

/**
 * PAdES signatures checked by an independent verifier: Debian's pdfsig (NSS)
 * with the test CA trusted through its database, and by our own verifier.
 */
describe('PAdES signatures of results and receipts', () => {
  let dir: string;
  let ca: TestCa;
  let nss: string;
  let pades: PadesSigner;
  let trust: TrustStore;
  let receipt: Buffer;
  let result: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pades-'));
    ca = await ensureTestCa(path.join(dir, 'ca'), 'demo-password');
    nss = await nssTrusting(ca);
    pades = new PadesSigner(new LocalPkcs12Signer(ca), (data) => tsa.timestamp(data));
    const tsa = new TimestampAuthority(await readKey(ca, 'tsa'));
    trust = { anchors: [ca.rootDer], intermediates: [ca.issuingDer], crls: [ca.crlDer] };
    receipt = await renderReceipt(
      {
        regime: '2025',
        formNumber: 'Mẫu số 01',
        circular: 'TT 03/2025/TT-VPCP',
        title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
        unit: { governingBody: 'UBND TỈNH LẠNG SƠN', name: 'UBND PHƯỜNG LƯƠNG VĂN TRI' },
        number: '05983-261207-0001',
        place: 'Lạng Sơn',
        issuedAt: '2026-12-07T09:00:00+07:00',
      },
      {
        code: '05983-261207-0001',
        applicant: { kind: 'individual', fullName: 'Nguyễn Văn Bình', idNumber: '020090001234' },
        procedureName: 'Đăng ký khai sinh',
        components: [{ name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, digitised: true, reusedFromStore: false }],
        statutoryTime: '3 ngày làm việc',
        receivedAt: '2026-12-07T09:00:00+07:00',
        dueAt: '2026-12-10T17:00:00+07:00',
        collectAt: 'Kho dữ liệu điện tử của công dân',
        receivedByName: 'Nguyễn Thu Hà',
        trackingUrl: 'http://127.0.0.1:3000/tra-cuu/05983-261207-0001?token=x',
      },
    );
    result = await renderPdf({
      defaultStyle: { font: 'Tinos', fontSize: 13 },
      content: [
        { text: 'UBND PHƯỜNG LƯƠNG VĂN TRI', bold: true },
        { text: 'QUYẾT ĐỊNH', bold: true, alignment: 'center', margin: [0, 24, 0, 12] },
        'Về việc đăng ký khai sinh cho công dân Nguyễn Văn Bình, sinh ngày 01/12/2026.',
      ],
    });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const leaderSigns = (pdf: Buffer, keyId = 'lanhdao.lvt') => pades.sign({ pdf, keyId, caption: 'Ký bởi', reason: 'Phê duyệt kết quả giải quyết', documentName: 'Quyết định' });

  it('signs a result that pdfsig finds valid, trusted and covering the whole document, and so do we, with a timestamp', async () => {
    const signed = await leaderSigns(result);
    const report = await pdfsig(nss, signed.pdf);
    expect(report.signatures).toEqual([
      { signer: 'Vi Văn Thắng', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.', wholeDocument: true, subFilter: 'ETSI.CAdES.detached' },
    ]);
    const ours = verifyPdfSignatures(signed.pdf, trust);
    expect(ours.signatures[0]).toMatchObject({ integrity: 'valid', chain: 'trusted', revocation: 'good', wholeDocument: true, timeSource: 'timestamp' });
    expect(ours.signatures[0]!.timestamp).toMatchObject({ valid: true, authority: 'Dịch vụ cấp dấu thời gian thử nghiệm' });
    expect(ours.valid).toBe(true);
    expect(clerkReport(ours)).toContain('Chữ ký 1: HỢP LỆ');
  });

  it('signs a receipt (Mẫu 01) by the clerk: valid and whole in pdfsig, and the visible block is on the page in Vietnamese', async () => {
    const signed = await pades.sign({ pdf: receipt, keyId: 'tiepnhan.lvt', caption: 'Ký bởi', reason: 'Tiếp nhận hồ sơ', documentName: 'Giấy tiếp nhận' });
    const report = await pdfsig(nss, signed.pdf);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ signer: 'Nguyễn Thu Hà', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.', wholeDocument: true });
    expect(verifyPdfSignatures(signed.pdf, trust).valid).toBe(true);
    const text = words(pdftotext(signed.pdf));
    expect(text).toContain('Ký bởi Nguyễn Thu Hà UBND phường Lương Văn Tri Thời gian ký:');
    const pages = pdftoppm(signed.pdf, 60);
    const last = PNG.sync.read(pages[pages.length - 1]!);
    if (process.env.SIGNATURE_PNG) writeFileSync(process.env.SIGNATURE_PNG, PNG.sync.write(last));
    // The block's red frame sits in the bottom-right corner.
    const red = (x: number, y: number) => {
      const at = (y * last.width + x) * 4;
      return last.data[at]! > 150 && last.data[at + 1]! < 80 && last.data[at + 2]! < 80;
    };
    let found = 0;
    for (let y = Math.floor(last.height * 0.8); y < last.height; y += 1) for (let x = Math.floor(last.width * 0.5); x < last.width; x += 1) if (red(x, y)) found += 1;
    expect(found).toBeGreaterThan(50);
  });

  it('counter-signs a result with the seal as an incremental update: two signatures, both valid in pdfsig, the first naming the seal as a later change', async () => {
    const leader = await leaderSigns(result);
    const sealed = await pades.sign({ pdf: leader.pdf, keyId: 'seal-05983', caption: 'Đóng dấu', reason: 'Đóng dấu của cơ quan', documentName: 'Quyết định' });
    expect(sealed.pdf.subarray(0, leader.pdf.length).equals(leader.pdf)).toBe(true);
    const report = await pdfsig(nss, sealed.pdf);
    expect(report.signatures.map(({ signer, validation, certificate, wholeDocument }) => ({ signer, validation, certificate, wholeDocument }))).toEqual([
      { signer: 'Vi Văn Thắng', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.', wholeDocument: false },
      { signer: 'UBND phường Lương Văn Tri', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.', wholeDocument: true },
    ]);
    const ours = verifyPdfSignatures(sealed.pdf, trust);
    expect(ours.valid).toBe(true);
    expect(ours.signatures[0]!.laterChanges).toEqual(['chữ ký số của UBND phường Lương Văn Tri (cập nhật gia tăng)']);
    expect(ours.signatures[1]!.laterChanges).toEqual([]);
  });

  it('finds a byte changed after signing: pdfsig and ours both report a digest mismatch', async () => {
    const signed = await leaderSigns(result);
    const tampered = Buffer.from(signed.pdf);
    // One letter of the producer's name in the document information, well inside the first signed range.
    const at = tampered.indexOf('/Producer') + 12;
    expect(at).toBeLessThan(signed.pdf.indexOf('/ByteRange'));
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const report = await pdfsig(nss, tampered);
    expect(report.signatures[0]!.validation).toBe('Digest Mismatch.');
    const ours = verifyPdfSignatures(tampered, trust);
    expect(ours.valid).toBe(false);
    expect(ours.signatures[0]!.integrity).toBe('digest_mismatch');
    expect(clerkReport(ours)).toContain('nội dung đã bị sửa sau khi ký');
  });

  it('reports a signature by a revoked certificate as revoked, in pdfsig (CRL in its database) and ours', async () => {
    const signed = await leaderSigns(result, 'revoked.lvt');
    const report = await pdfsig(nss, signed.pdf);
    expect(report.signatures[0]!.validation).toBe('Signature is Valid.');
    expect(report.signatures[0]!.certificate).toBe('Certificate has been Revoked.');
    const ours = verifyPdfSignatures(signed.pdf, trust);
    expect(ours.valid).toBe(false);
    expect(ours.signatures[0]).toMatchObject({ integrity: 'valid', revocation: 'revoked' });
    expect(clerkReport(ours)).toContain('ĐÃ BỊ THU HỒI');
  });

  it('does not trust a signature whose chain does not reach a configured anchor', async () => {
    const signed = await leaderSigns(result);
    const ours = verifyPdfSignatures(signed.pdf, { anchors: [], intermediates: [], crls: [ca.crlDer] });
    expect(ours.signatures[0]).toMatchObject({ integrity: 'valid', chain: 'untrusted', valid: false });
  });

  it('names unsigned bytes appended after the last signature', async () => {
    const signed = await leaderSigns(result);
    const appended = Buffer.concat([signed.pdf, Buffer.from('\n% appended\n')]);
    const ours = verifyPdfSignatures(appended, trust);
    expect(ours.valid).toBe(false);
    expect(ours.signatures[0]).toMatchObject({ integrity: 'valid', wholeDocument: false, laterChanges: ['12 byte thêm vào sau chữ ký cuối cùng, không được ký'] });
  });
});
