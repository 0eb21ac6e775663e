/**
 * Signing throughput and verification time for a 2 MB result, against a bare
 * crypto.sign of the same hash: what PAdES placement, CMS and the timestamp
 * cost on top of the RSA operation. Prints figures; asserts nothing.
 *   node tools/build.js && node dist/load-tests/benchmarks/signatures.js
 */
import { createHash, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ensureTestCa, readKey, TimestampAuthority } from '@mc/signing';
import { LocalPkcs12Signer, PadesSigner, verifyPdfSignatures } from '@mc/signatures';

async function twoMegabyteResult(): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage();
  page.drawText('Ket qua giai quyet thu tuc hanh chinh', { x: 50, y: 780, font, size: 14 });
  // A scanned annex is what makes a result this large: incompressible bytes.
  document.attach(randomBytes(2 * 1024 * 1024), 'phu-luc.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

async function main() {
  const rounds = Number(process.env.ROUNDS ?? 10);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-signatures-'));
  try {
    const ca = await ensureTestCa(path.join(dir, 'ca'), 'bench');
    const tsa = new TimestampAuthority(await readKey(ca, 'tsa'));
    const key = await readKey(ca, 'lanhdao.lvt');
    const pdf = await twoMegabyteResult();
    const trust = { anchors: [ca.rootDer], intermediates: [ca.issuingDer], crls: [ca.crlDer] };
    const variants = { 'PAdES B-B': new PadesSigner(new LocalPkcs12Signer(ca), null), 'PAdES B-T': new PadesSigner(new LocalPkcs12Signer(ca), (data) => tsa.timestamp(data)) };
    const digest = createHash('sha256').update(pdf).digest();
    let started = process.hrtime.bigint();
    for (let index = 0; index < rounds * 10; index += 1) sign('sha256', digest, key.privateKey);
    const bare = Number(process.hrtime.bigint() - started) / 1e6 / (rounds * 10);
    console.log(`PDF ${(pdf.length / 1048576).toFixed(2)} MB, ${rounds} rounds; bare crypto.sign of the hash: ${bare.toFixed(2)} ms`);
    let signedPdf = pdf;
    for (const [name, signer] of Object.entries(variants)) {
      await signer.sign({ pdf, keyId: 'lanhdao.lvt', caption: 'Ký bởi', reason: 'benchmark', documentName: 'benchmark' });
      started = process.hrtime.bigint();
      for (let index = 0; index < rounds; index += 1) signedPdf = (await signer.sign({ pdf, keyId: 'lanhdao.lvt', caption: 'Ký bởi', reason: 'benchmark', documentName: 'benchmark' })).pdf;
      const ms = Number(process.hrtime.bigint() - started) / 1e6 / rounds;
      console.log(`${name}: ${ms.toFixed(1)} ms per signature, ${(1000 / ms).toFixed(2)} signatures/s, ${(ms / bare).toFixed(0)}× the bare sign`);
    }
    started = process.hrtime.bigint();
    for (let index = 0; index < rounds; index += 1) if (!verifyPdfSignatures(signedPdf, trust).valid) throw new Error('benchmark signature not valid');
    const verifyMs = Number(process.hrtime.bigint() - started) / 1e6 / rounds;
    console.log(`verification of the signed ${(signedPdf.length / 1048576).toFixed(2)} MB result: ${verifyMs.toFixed(1)} ms, ${(verifyMs / bare).toFixed(0)}× the bare sign`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
