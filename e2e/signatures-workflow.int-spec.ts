import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogService } from '@mc/catalog';
import { documentsService, renderPdf } from '@mc/documents';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { freePort, tusAppend, tusCreate, uploadUrlOf, waitFor } from '@mc/local-infra';
import { RemoteSigningSimulator } from '@mc/remote-signing-simulator';
import { ensureTestCa, readKey, type TestCa } from '@mc/signing';
import { LocalPkcs12Signer, PadesSigner, signaturesService } from '@mc/signatures';
import { nssTrusting, pdfsig } from './pdfsig';
import { uploadDraftResult } from './signatures-support';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

const S3rver = require('@20minutes/s3rver');

const STAFF = ['admin.tinh', 'tiepnhan.lvt', 'vanthu.lvt', 'chuyenvien.lvt', 'lanhdao.lvt', 'tiepnhan.dk'];

/**
 * Electronic results in the workflow, through the gateway: the leader signs
 * the draft result (on the phone, through the remote-signing simulator, or
 * with a tool of their own and hands the signed PDF in), the signed result goes
 * to the applicant's store, and the dossier's electronic result cannot be
 * issued until the signatures service has recorded a valid leader signature.
 */
describe('electronic results need the leader’s valid signature', () => {
  let platform: InProcessPlatform;
  let s3: { close(): Promise<void> };
  let dir: string;
  let ca: TestCa;
  let simulator: RemoteSigningSimulator;
  let nss: string;
  let signedElsewhere: PadesSigner;
  let seq = 0;
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);
  const dossierDb = () => platform.services[2]!.dataSource;
  const signaturesDb = () => platform.services[4]!.dataSource;

  const draftPdf = (text: string) =>
    renderPdf({
      defaultStyle: { font: 'Tinos', fontSize: 13 },
      content: [{ text: 'UBND PHƯỜNG LƯƠNG VĂN TRI', bold: true }, { text: 'GIẤY KHAI SINH', bold: true, alignment: 'center', margin: [0, 24, 0, 12] }, text],
    });

  /** A dossier to be returned electronically, its draft result uploaded by the specialist, approved by the leader. */
  const approvedWithDraft = async () => {
    seq += 1;
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999015',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: `Lương Thị Mai ${seq}`, idNumber: `02009500${String(1000 + seq)}` },
      components: [{ name: 'Tờ khai đăng ký khai sinh' }],
      returnMethod: 'electronic',
    });
    expect(received.status).toBe(201);
    const code = received.body.receipt.code as string;
    for (const who of ['tiepnhan.lvt', 'vanthu.lvt', 'chuyenvien.lvt']) expect((await call('POST', `/dossiers/${code}/actions`, who, { action: 'hand_over' })).status).toBe(200);
    const draft = await draftPdf(`Họ và tên: Lương Thị Mai ${seq}. Hồ sơ ${code}.`);
    expect(await uploadDraftResult(platform, tokens['chuyenvien.lvt']!, code, draft)).toEqual(expect.any(String));
    expect((await call('POST', `/dossiers/${code}/actions`, 'lanhdao.lvt', { action: 'approve' })).body.state).toBe('approved');
    return { code, draft };
  };

  const issue = (code: string) => call('POST', `/dossiers/${code}/actions`, 'tiepnhan.lvt', { action: 'issue_result' });
  const register = (code: string, pdf: Buffer) => call('POST', `/dossiers/${code}/signed-results`, 'lanhdao.lvt', { filename: 'giay-khai-sinh-da-ky.pdf', base64: pdf.toString('base64') });
  const recorded = async (code: string) => (await call('GET', `/dossiers/${code}/signatures`, 'lanhdao.lvt')).body.signatures as Record<string, unknown>[];
  const issuedVersions = async (code: string) =>
    ((await call('GET', `/dossiers/${code}/documents`, 'lanhdao.lvt')).body.documents as { purpose: string }[]).filter((document) => document.purpose === 'issued');
  const dossierKnows = (code: string) =>
    waitFor('the dossier service knows the signature', async () => (await dossierDb().query('SELECT count(*)::int AS n FROM result_signatures WHERE dossier_code = $1', [code]))[0].n > 0);
  const followRequest = (id: string, until: (status: string) => boolean, who = 'lanhdao.lvt') =>
    waitFor(`signing request ${id} answered`, async () => {
      const reply = await call('GET', `/signing-requests/${id}`, who);
      return until(reply.body.status) ? reply.body : undefined;
    });
  /** Nothing was issued: still approved, no result-issue in the history, no signature, no issued file. */
  const untouched = async (code: string) => {
    const dossier = await call('GET', `/dossiers/${code}`, 'tiepnhan.lvt');
    expect(dossier.body).toMatchObject({ state: 'approved' });
    const history = await call('GET', `/dossiers/${code}/history`, 'tiepnhan.lvt');
    expect(JSON.stringify(history.body)).not.toContain('issue_result');
    expect(await recorded(code)).toEqual([]);
    expect(await issuedVersions(code)).toEqual([]);
    const refused = await issue(code);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SIGNATURE_REQUIRED', message: expect.stringContaining('chưa có chữ ký số hợp lệ của lãnh đạo') });
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mc-signatures-'));
    ca = await ensureTestCa(path.join(dir, 'ca'), 'demo-password');
    nss = await nssTrusting(ca);
    signedElsewhere = new PadesSigner(new LocalPkcs12Signer(ca), null);
    simulator = await RemoteSigningSimulator.start({ keys: (id) => (ca.keys[id] ? readKey(ca, id) : Promise.resolve(null)), confirmAfterMs: 1_000, expireAfterMs: 2_000 });
    const s3Port = await freePort();
    s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: path.join(dir, 's3'), silent: true });
    await (s3 as unknown as { run(): Promise<unknown> }).run();
    platform = await startInProcess([identityService, catalogService, dossierService, documentsService, signaturesService], {
      DOSSIER_DEADLINE_CHECK_MS: '0',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      SIGNATURES_CA_DIR: path.join(dir, 'ca'),
      SIGNATURES_KEY_PASSWORD: 'demo-password',
      SIGNATURES_REMOTE_URL: simulator.url,
      // The leader signs on the phone; the seal and the counter's keys are PKCS#12 files.
      SIGNATURES_REMOTE_SIGNERS: 'lanhdao.lvt',
      SIGNATURES_REMOTE_POLL_MS: '100',
      SIGNATURES_REMOTE_WAIT_MS: '10000',
    });
    for (const username of STAFF) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: '1.999015',
      name: 'Đăng ký khai sinh (kết quả điện tử)',
      components: [{ name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false }],
      result: { type: 'certificate', name: 'Giấy khai sinh' },
    });
    await waitFor('the ward known to the catalog', async () => (await call('GET', '/calendar/2026?unit=05983', null)).status === 200);
    await dossierCaughtUp(platform);
  });

  afterAll(async () => {
    await platform?.stop();
    await simulator?.close();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to issue an electronic result until a valid leader signature of that dossier’s result is recorded; tampered, revoked and other PDFs do not count', async () => {
    const { code, draft } = await approvedWithDraft();
    await untouched(code);

    // A byte changed after signing: the digest no longer matches.
    const signed = (await signedElsewhere.sign({ pdf: draft, keyId: 'lanhdao.lvt', caption: 'Ký bởi', reason: 'Phê duyệt', documentName: 'Giấy khai sinh' })).pdf;
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/Producer') + 12;
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const refusedTampered = await register(code, tampered);
    expect(refusedTampered.status).toBe(422);
    expect(refusedTampered.body.error).toMatchObject({ code: 'SIGNATURE_INVALID', message: expect.stringContaining('nội dung đã bị sửa sau khi ký') });

    // A certificate revoked before the signing time.
    const revoked = (await signedElsewhere.sign({ pdf: draft, keyId: 'revoked.lvt', caption: 'Ký bởi', reason: 'Phê duyệt', documentName: 'Giấy khai sinh' })).pdf;
    const refusedRevoked = await register(code, revoked);
    expect(refusedRevoked.status).toBe(422);
    expect(refusedRevoked.body.error).toMatchObject({ code: 'SIGNATURE_INVALID', message: expect.stringContaining('ĐÃ BỊ THU HỒI') });

    // The leader's own valid signature, over another PDF than this dossier's draft result.
    const other = (await signedElsewhere.sign({ pdf: await draftPdf('Một văn bản khác.'), keyId: 'lanhdao.lvt', caption: 'Ký bởi', reason: 'Phê duyệt', documentName: 'Khác' })).pdf;
    const refusedOther = await register(code, other);
    expect(refusedOther.status).toBe(422);
    expect(refusedOther.body.error).toMatchObject({ code: 'SIGNATURE_MISMATCH', message: expect.stringContaining('không phải dự thảo kết quả hiện hành') });

    // The right draft, validly signed, but by someone else than the leader who hands it in.
    const clerkSigned = (await signedElsewhere.sign({ pdf: draft, keyId: 'tiepnhan.lvt', caption: 'Ký bởi', reason: 'Phê duyệt', documentName: 'Giấy khai sinh' })).pdf;
    const refusedClerk = await register(code, clerkSigned);
    expect(refusedClerk.body.error).toMatchObject({ code: 'SIGNATURE_MISMATCH', message: expect.stringContaining('không phải chứng thư số của bạn') });

    // Only the competent unit's leader hands in a signed result.
    const notLeader = await call('POST', `/dossiers/${code}/signed-results`, 'chuyenvien.lvt', { base64: signed.toString('base64') });
    expect(notLeader.status).toBe(403);
    await untouched(code);

    // The leader's valid signature of this draft: recorded, stored for the applicant, and the result is issued.
    const accepted = await register(code, signed);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ kind: 'result', dossierCode: code, signer: 'lanhdao.lvt', signerName: 'Vi Văn Thắng', unitCode: '05983', certificateSubject: expect.stringContaining('Vi Văn Thắng') });
    // Another dossier's result is not signed by it.
    const another = await approvedWithDraft();
    await dossierKnows(code);
    expect((await issue(another.code)).body.error.code).toBe('SIGNATURE_REQUIRED');

    const issued = await issue(code);
    expect(issued.status).toBe(200);
    expect(issued.body.state).toBe('result_ready');
    const [{ electronic_result }] = await dossierDb().query('SELECT electronic_result FROM dossiers WHERE code = $1', [code]);
    expect(electronic_result).toBe(true);
    const history = (await call('GET', `/dossiers/${code}/history`, 'tiepnhan.lvt')).body as unknown as { action: string; details: Record<string, unknown> }[];
    expect(history.find((entry) => entry.action === 'issue_result')?.details).toMatchObject({
      electronicResult: true,
      resultSignature: { signatureId: accepted.body.id, signer: 'lanhdao.lvt', documentId: accepted.body.documentId, documentSha256: accepted.body.documentSha256 },
    });
    const store = await call('GET', `/citizens/${(await call('GET', `/dossiers/${code}`, 'tiepnhan.lvt')).body.applicant.idNumber}/documents`, 'tiepnhan.lvt');
    expect(store.body.documents).toEqual([expect.objectContaining({ kind: 'result', sourceDossierCode: code, documentId: accepted.body.documentId, sha256: accepted.body.documentSha256 })]);
  });

  it('signs through the remote-signing service: pending leaves the dossier as it was, confirm records the signature and makes the result issuable', async () => {
    const { code } = await approvedWithDraft();
    simulator.holderWill('lanhdao.lvt', 'confirm');
    const asked = await call('POST', `/dossiers/${code}/result-signatures`, 'lanhdao.lvt', {});
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ kind: 'result', dossierCode: code, status: 'pending', signature: null });
    // While the phone has not answered: nothing recorded, nothing issued, and no second request for the same result.
    await untouched(code);
    expect((await call('POST', `/dossiers/${code}/result-signatures`, 'lanhdao.lvt', {})).body.error.code).toBe('CONFLICT');
    expect(simulator.requests.at(-1)).toMatchObject({ credentialId: 'lanhdao.lvt', status: 'pending' });

    const done = await followRequest(asked.body.id, (status) => status !== 'pending');
    expect(done).toMatchObject({ status: 'signed', reason: null, signature: { kind: 'result', signer: 'lanhdao.lvt', dossierCode: code } });
    expect(await recorded(code)).toHaveLength(1);
    // The row: who, unit, document hash, certificate, time.
    const [row] = await signaturesDb().query('SELECT signer, unit_code, document_sha256, certificate_serial, signed_at FROM signatures WHERE dossier_code = $1', [code]);
    expect(row).toMatchObject({ signer: 'lanhdao.lvt', unit_code: '05983', document_sha256: done.signature.documentSha256, certificate_serial: done.signature.certificateSerial });

    // The stored result is whole and valid for an outside verifier.
    const content = await fetch(`${platform.gateway.url}/api/v1/documents/${done.signature.documentId}/content`, { headers: { authorization: `Bearer ${tokens['lanhdao.lvt']}` } });
    const pdf = Buffer.from(await content.arrayBuffer());
    expect((await pdfsig(nss, pdf)).signatures).toEqual([
      { signer: 'Vi Văn Thắng', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.', wholeDocument: true, subFilter: 'ETSI.CAdES.detached' },
    ]);
    const verified = await call('POST', '/signatures/verifications', 'tiepnhan.dk', { base64: pdf.toString('base64') });
    expect(verified.body).toMatchObject({ report: { valid: true, signatureCount: 1 }, clerkReport: expect.stringContaining('Chữ ký 1: HỢP LỆ') });

    await dossierKnows(code);
    expect((await issue(code)).body.state).toBe('result_ready');

    // The unit's seal counter-signs the signed result: two signatures, both valid for pdfsig.
    const sealing = await call('POST', `/dossiers/${code}/seal-signatures`, 'vanthu.lvt', {});
    expect(sealing.status).toBe(202);
    const sealed = await followRequest(sealing.body.id, (status) => status !== 'pending', 'vanthu.lvt');
    expect(sealed).toMatchObject({ status: 'signed', signature: { kind: 'seal', signerName: 'UBND phường Lương Văn Tri', signer: 'vanthu.lvt' } });
    const sealedPdf = Buffer.from(
      await (await fetch(`${platform.gateway.url}/api/v1/documents/${sealed.signature.documentId}/content`, { headers: { authorization: `Bearer ${tokens['lanhdao.lvt']}` } })).arrayBuffer(),
    );
    expect((await pdfsig(nss, sealedPdf)).signatures.map(({ signer, validation, certificate }) => ({ signer, validation, certificate }))).toEqual([
      { signer: 'Vi Văn Thắng', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.' },
      { signer: 'UBND phường Lương Văn Tri', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.' },
    ]);
  });

  it('records nothing when the leader refuses on the phone or lets the request expire, says why, and lets them ask again', async () => {
    const { code } = await approvedWithDraft();
    for (const [outcome, status, reason] of [
      ['refuse', 'refused', 'từ chối'],
      ['timeout', 'expired', 'chưa xác nhận'],
    ] as const) {
      simulator.holderWill('lanhdao.lvt', outcome);
      const asked = await call('POST', `/dossiers/${code}/result-signatures`, 'lanhdao.lvt', {});
      expect(asked.body.status).toBe('pending');
      const done = await followRequest(asked.body.id, (answer) => answer !== 'pending');
      expect(done).toMatchObject({ status, signature: null, reason: expect.stringContaining(reason) });
      expect(done.finishedAt).toEqual(expect.any(String));
      await untouched(code);
    }
    expect(simulator.requests.filter((request) => request.credentialId === 'lanhdao.lvt').slice(-2).map((request) => request.status)).toEqual(['refused', 'expired']);
    // Another leader's request is not theirs to follow.
    const [{ id }] = await signaturesDb().query('SELECT id FROM signing_requests WHERE dossier_code = $1 LIMIT 1', [code]);
    expect((await call('GET', `/signing-requests/${id}`, 'tiepnhan.lvt')).status).toBe(404);
  });

  it('lets the counter sign a receipt (Mẫu 01) and certify an electronic copy of a digitised paper original, both valid for pdfsig; another commune’s clerk does neither', async () => {
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999015',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Hà Văn Sơn', idNumber: '020095009876' },
      components: [{ name: 'Tờ khai đăng ký khai sinh' }],
    });
    const { code, tracking } = received.body.receipt;
    const asked = await call('POST', `/dossiers/${code}/receipt-signatures`, 'tiepnhan.lvt', { token: tracking.token });
    expect(asked.status).toBe(202);
    const receipt = await followRequest(asked.body.id, (status) => status !== 'pending', 'tiepnhan.lvt');
    expect(receipt).toMatchObject({ status: 'signed', signature: { kind: 'receipt', signer: 'tiepnhan.lvt', signerName: 'Nguyễn Thu Hà', documentId: null } });
    expect((await pdfsig(nss, Buffer.from(receipt.signedPdfBase64, 'base64'))).signatures[0]).toMatchObject({ signer: 'Nguyễn Thu Hà', validation: 'Signature is Valid.', wholeDocument: true });
    expect((await call('POST', `/dossiers/${code}/receipt-signatures`, 'tiepnhan.dk', { token: tracking.token })).status).toBe(404);

    // The paper birth declaration scanned at the counter, then certified as a true copy into the applicant's store.
    const scan = await draftPdf('Tờ khai đăng ký khai sinh (bản chính giấy, số hóa tại quầy).');
    const created = await tusCreate(platform.gateway.url, tokens['tiepnhan.lvt']!, scan.length, { dossierCode: code, component: '1', purpose: 'digitisation', filename: 'to-khai.pdf' });
    const scanId = (await tusAppend(uploadUrlOf(platform.gateway.url, created), tokens['tiepnhan.lvt']!, 0, scan, scan.length)).headers['x-document-id'] as string;
    const certifying = await call('POST', `/dossiers/${code}/certified-copies`, 'tiepnhan.lvt', { documentId: scanId, title: 'Bản sao tờ khai đăng ký khai sinh', validUntil: '2027-06-30' });
    expect(certifying.status).toBe(202);
    const copy = await followRequest(certifying.body.id, (status) => status !== 'pending', 'tiepnhan.lvt');
    expect(copy).toMatchObject({ status: 'signed', signedPdfBase64: null, signature: { kind: 'certified_copy', signer: 'tiepnhan.lvt', unitCode: '05983' } });
    const store = await call('GET', '/citizens/020095009876/documents', 'tiepnhan.lvt');
    expect(store.body.documents).toEqual([
      // The documents service answers the date as a timestamp (its own matter); the day is what counts here.
      expect.objectContaining({ kind: 'certified_copy', title: 'Bản sao tờ khai đăng ký khai sinh', validUntil: expect.stringMatching(/^2027-06-30/), documentId: copy.signature.documentId }),
    ]);
    const copyPdf = Buffer.from(
      await (await fetch(`${platform.gateway.url}/api/v1/documents/${copy.signature.documentId}/content`, { headers: { authorization: `Bearer ${tokens['tiepnhan.lvt']}` } })).arrayBuffer(),
    );
    expect((await pdfsig(nss, copyPdf)).signatures[0]).toMatchObject({ signer: 'Nguyễn Thu Hà', validation: 'Signature is Valid.', certificate: 'Certificate is Trusted.', wholeDocument: true });
    // Only a scan made at the counter is certified.
    const notScan = await call('POST', `/dossiers/${code}/certified-copies`, 'tiepnhan.lvt', { documentId: copy.signature.documentId, title: 'Bản sao' });
    expect(notScan.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('không có bản số hóa') });
    expect((await recorded(code)).map((signature) => signature.kind)).toEqual(['receipt', 'certified_copy']);
  });
});
