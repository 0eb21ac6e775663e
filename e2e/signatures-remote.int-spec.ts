import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderPdf } from '@mc/documents';
import { RemoteSigningSimulator, type Outcome } from '@mc/remote-signing-simulator';
import { ensureTestCa, readKey, type TestCa } from '@mc/signing';
import { PadesSigner, RemoteSigner, verifyPdfSignatures } from '@mc/signatures';
import { nssTrusting, pdfsig } from './pdfsig';

/** Ký số từ xa through the simulator: the holder confirms, refuses, or lets the request expire. */
describe('remote signing', () => {
  let dir: string;
  let ca: TestCa;
  let simulator: RemoteSigningSimulator;
  let result: Buffer;
  const outcome: { next?: Outcome } = {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'remote-'));
    ca = await ensureTestCa(path.join(dir, 'ca'), 'demo-password');
    simulator = await RemoteSigningSimulator.start({ keys: (id) => (ca.keys[id] ? readKey(ca, id) : Promise.resolve(null)), confirmAfterMs: 200, expireAfterMs: 1_500 });
    result = await renderPdf({ defaultStyle: { font: 'Tinos' }, content: ['QUYẾT ĐỊNH về việc cấp giấy phép'] });
  });

  afterAll(async () => {
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signer = (waitMs = 10_000) => new PadesSigner(new RemoteSigner({ url: simulator.url, pollMs: 50, waitMs, outcome: () => outcome.next }), null);
  const sign = (waitMs?: number) => signer(waitMs).sign({ pdf: result, keyId: 'lanhdao.lvt', caption: 'Ký bởi', reason: 'Phê duyệt kết quả', documentName: 'Quyết định' });

  it('returns a PDF pdfsig finds valid once the holder confirms on the phone; only the hash left the platform', async () => {
    outcome.next = 'confirm';
    const signed = await sign();
    expect((await pdfsig(await nssTrusting(ca), signed.pdf)).signatures[0]).toMatchObject({ signer: 'Vi Văn Thắng', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.', wholeDocument: true });
    expect(verifyPdfSignatures(signed.pdf, { anchors: [ca.rootDer], intermediates: [ca.issuingDer], crls: [ca.crlDer] }).valid).toBe(true);
    expect(simulator.requests.at(-1)).toMatchObject({ credentialId: 'lanhdao.lvt', documentName: 'Quyết định', status: 'confirmed' });
  });

  it('answers SIGNATURE_REFUSED when the holder refuses, and hands back no document', async () => {
    outcome.next = 'refuse';
    await expect(sign()).rejects.toMatchObject({ code: 'SIGNATURE_REFUSED', message: expect.stringContaining('từ chối') });
    expect(simulator.requests.at(-1)!.status).toBe('refused');
  });

  it('answers SIGNATURE_TIMEOUT when the request expires unanswered', async () => {
    outcome.next = 'timeout';
    await expect(sign()).rejects.toMatchObject({ code: 'SIGNATURE_TIMEOUT' });
    expect(simulator.requests.at(-1)!.status).toBe('expired');
  });
});
