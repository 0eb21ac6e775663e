import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'minio';
import { PNG } from 'pngjs';
import { DataSource } from 'typeorm';
import { catalogService } from '@mc/catalog';
import { eventStreamName } from '@mc/contracts';
import { createDocumentsModule, documentsService } from '@mc/documents';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { reportingService } from '@mc/reporting';
import { freePort, tusAppend, tusAppendThenDrop, tusCreate, tusOffset, uploadUrlOf, waitFor } from '@mc/local-infra';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

const S3rver = require('@20minutes/s3rver');

const BUCKET = 'mot-cua-documents';
const SEGMENT = 5 * 1024 * 1024;
const APPLICANT = '020095001234';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Bytes that file-type reads as each kind: the signature, then whatever follows. */
const pdfBytes = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), randomBytes(size)]).subarray(0, size);
const pngBytes = () => {
  const image = new PNG({ width: 40, height: 30 });
  image.data.fill(200);
  return PNG.sync.write(image);
};

/**
 * Dossier files through the gateway's public address, with the real dossier,
 * identity and catalog services deciding who may see what, and the default
 * profile's S3 stand-in behind the documents service.
 */
describe('dossier files: streamed resumable uploads, versions, the citizen store', () => {
  let platform: InProcessPlatform;
  let s3: { close(): Promise<void> };
  let s3Dir: string;
  let objects: Client;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const call = gatewayCaller(() => platform, tokens);
  /** The documents service's clock: a file "uploaded" years ago has its retention run out now. */
  let documentsNow: Date | null = null;
  const base = () => platform.gateway.url;

  const receive = async (fullName: string) => {
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999004',
      channel: 'counter',
      applicant: { kind: 'individual', fullName, idNumber: APPLICANT, phone: '0912345678' },
      components: [{ name: 'Tờ khai đăng ký khai sinh' }, { name: 'Giấy chứng sinh' }],
    });
    expect(received.status).toBe(201);
    return received.body.receipt.code as string;
  };
  /** One whole file in one PATCH; the answer of each step. */
  const upload = async (who: string, metadata: Record<string, string>, bytes: Buffer) => {
    const created = await tusCreate(base(), tokens[who]!, bytes.length, metadata);
    if (created.status !== 201) return { created, appended: null, documentId: null };
    const url = uploadUrlOf(base(), created);
    const appended = await tusAppend(url, tokens[who]!, 0, bytes, bytes.length);
    return { created, appended, url, documentId: appended.headers['x-document-id'] as string | undefined };
  };
  const download = async (who: string, documentId: string) => {
    const response = await fetch(`${base()}/api/v1/documents/${documentId}/content`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };
  const objectKeys = async () => {
    const keys: string[] = [];
    for await (const item of objects.listObjectsV2(BUCKET, '', true)) keys.push((item as { name: string }).name);
    return keys.sort();
  };
  const rows = async () => {
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FROM documents.uploads)::int AS uploads, (SELECT count(*) FROM documents.documents)::int AS documents,
              (SELECT count(*) FROM documents.outbox)::int AS outbox`,
    );
    return counts as { uploads: number; documents: number; outbox: number };
  };
  const lastEvent = async (subject: string) => {
    const { bus } = platform.services[0]!;
    return waitFor(`an event on ${subject}`, async () => {
      const message = await bus.jsm.streams.getMessage(bus.streamName(eventStreamName('documents')), { last_by_subj: bus.subject(subject) }).catch(() => null);
      return message ? (message.json() as { data: Record<string, unknown> }).data : undefined;
    });
  };

  beforeAll(async () => {
    s3Dir = mkdtempSync(path.join(tmpdir(), 'mc-s3-'));
    const s3Port = await freePort();
    s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: s3Dir, silent: true });
    await (s3 as unknown as { run(): Promise<unknown> }).run();
    objects = new Client({ endPoint: '127.0.0.1', port: s3Port, useSSL: false, accessKey: 'S3RVER', secretKey: 'S3RVER', region: 'us-east-1', pathStyle: true });
    const documents = { ...documentsService, module: createDocumentsModule({ now: () => documentsNow ?? new Date() }) };
    platform = await startInProcess([identityService, catalogService, dossierService, documents, reportingService], {
      DOSSIER_DEADLINE_CHECK_MS: '0',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      UPLOAD_SEGMENT_BYTES: String(SEGMENT),
    });
    db = platform.services[0]!.app.get(DataSource);
    for (const username of ['admin.tinh', 'tiepnhan.lvt', 'chuyenvien.lvt', 'lanhdao.lvt', 'tiepnhan.dk']) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: '1.999004',
      name: 'Đăng ký khai sinh (thử tệp hồ sơ)',
      components: [
        { name: 'Tờ khai đăng ký khai sinh', copyType: 'original', quantity: 1, reusable: false, fileKinds: ['pdf'], maxSizeMb: 1 },
        { name: 'Giấy chứng sinh', copyType: 'original', quantity: 1, reusable: true },
      ],
      result: { type: 'certificate', name: 'Giấy khai sinh' },
    });
    await waitFor('the ward known to the catalog', async () => (await call('GET', '/calendar/2026?unit=05983', null)).status === 200);
    await dossierCaughtUp(platform);
  });

  afterAll(async () => {
    await platform?.stop();
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it('streams a file into the store with its SHA-256, and serves it back to whoever may see the dossier only', async () => {
    const code = await receive('Hoàng Văn Thụ');
    const file = pdfBytes(300_000);
    const { created, appended, documentId } = await upload('tiepnhan.lvt', { dossierCode: code, component: '1', filename: 'tờ khai.pdf' }, file);
    expect(created.status).toBe(201);
    expect(created.headers['tus-resumable']).toBe('1.0.0');
    expect(appended).toMatchObject({ status: 204, headers: expect.objectContaining({ 'upload-offset': String(file.length) }) });
    expect(documentId).toMatch(/^[0-9a-f-]{36}$/);

    const back = await download('chuyenvien.lvt', documentId!);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(back.headers.get('x-content-sha256')).toBe(sha256(file));
    expect(sha256(back.body)).toBe(sha256(file));
    expect((await download('tiepnhan.dk', documentId!)).status).toBe(404);

    const listed = await call('GET', `/dossiers/${code}/documents`, 'tiepnhan.lvt');
    expect(listed.body.documents).toEqual([
      expect.objectContaining({ id: documentId, component: '1', componentName: 'Tờ khai đăng ký khai sinh', version: 1, current: true, kind: 'pdf', filename: 'tờ khai.pdf', sha256: sha256(file), size: file.length }),
    ]);
    expect(await lastEvent('evt.documents.document.uploaded')).toMatchObject({ documentId, dossierCode: code, component: '1', version: 1, sha256: sha256(file), kind: 'pdf' });
    // The segments were joined into the document and removed: only the document's object stays.
    expect((await objectKeys()).filter((key) => key.startsWith('uploads/'))).toEqual([]);
  });

  it('resumes an upload cut at 60 % from where it stopped: the second request carries only the remaining 40 %', async () => {
    const code = await receive('Nông Thị Xuân');
    const file = pdfBytes(20 * 1024 * 1024);
    const created = await tusCreate(base(), tokens['tiepnhan.lvt']!, file.length, { dossierCode: code, component: '2', filename: 'giay-chung-sinh.pdf' });
    expect(created.status).toBe(201);
    const url = uploadUrlOf(base(), created);
    const cut = Math.round(file.length * 0.6);
    await tusAppendThenDrop(url, tokens['tiepnhan.lvt']!, 0, file, cut);

    const offset = await waitFor('the interrupted bytes kept', async () => {
      const answer = await tusOffset(url, tokens['tiepnhan.lvt']!);
      return Number(answer.headers['upload-offset']) === cut ? cut : undefined;
    });
    expect((await tusOffset(url, tokens['chuyenvien.lvt']!)).status).toBe(404);
    const rest = file.subarray(offset);
    expect(rest.length).toBe(file.length - cut);
    const finished = await tusAppend(url, tokens['tiepnhan.lvt']!, offset, rest, rest.length);
    expect(finished.status).toBe(204);
    const documentId = finished.headers['x-document-id'] as string;
    const back = await download('tiepnhan.lvt', documentId);
    expect(back.body.length).toBe(file.length);
    expect(sha256(back.body)).toBe(sha256(file));
    expect((await call('GET', `/dossiers/${code}/documents`, 'tiepnhan.lvt')).body.documents[0].sha256).toBe(sha256(file));
    // A repeated final request (its answer lost) learns the document instead of storing it twice.
    expect((await tusOffset(url, tokens['tiepnhan.lvt']!)).headers['x-document-id']).toBe(documentId);
  });

  it('refuses a PNG named .pdf, an empty file, a file over the limit, a path in the name and a dossier out of sight, storing nothing', async () => {
    const code = await receive('Lương Văn Tri');
    const before = { keys: await objectKeys(), rows: await rows() };

    const renamed = await upload('tiepnhan.lvt', { dossierCode: code, component: '2', filename: 'giay-chung-sinh.pdf' }, pngBytes());
    expect(renamed.created.status).toBe(201);
    expect(renamed.appended!.status).toBe(415);
    expect(JSON.parse(renamed.appended!.body).error).toEqual({
      code: 'FILE_TYPE_REFUSED',
      message: 'Tệp «giay-chung-sinh.pdf» mang đuôi .pdf nhưng nội dung là ảnh PNG; hãy tải lên đúng tệp PDF.',
    });
    expect((await tusOffset(uploadUrlOf(base(), renamed.created), tokens['tiepnhan.lvt']!)).status).toBe(404);

    const empty = await tusCreate(base(), tokens['tiepnhan.lvt']!, 0, { dossierCode: code, component: '2', filename: 'trong.pdf' });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.body).error.message).toBe('Tệp «trong.pdf» rỗng (0 byte): hãy quét hoặc chọn lại tệp rồi tải lên.');

    const large = await tusCreate(base(), tokens['tiepnhan.lvt']!, 2 * 1024 * 1024, { dossierCode: code, component: '1', filename: 'to-khai.pdf' });
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('vượt giới hạn 1 MB của thành phần «Tờ khai đăng ký khai sinh»') });

    const wrongKind = await tusCreate(base(), tokens['tiepnhan.lvt']!, 1000, { dossierCode: code, component: '1', filename: 'to-khai.docx' });
    expect(wrongKind.status).toBe(415);
    expect(JSON.parse(wrongKind.body).error.message).toBe('Thành phần «Tờ khai đăng ký khai sinh» chỉ nhận PDF; tệp «to-khai.docx» không thuộc loại này.');

    for (const filename of ['../../etc/passwd.pdf', '..\\windows\\to-khai.pdf', 'uploads/x/0.pdf']) {
      const traversal = await tusCreate(base(), tokens['tiepnhan.lvt']!, 1000, { dossierCode: code, component: '2', filename });
      expect(traversal.status).toBe(400);
      expect(JSON.parse(traversal.body).error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('Tên tệp không hợp lệ') });
    }

    const outOfSight = await tusCreate(base(), tokens['tiepnhan.dk']!, 1000, { dossierCode: code, component: '2', filename: 'giay.pdf' });
    expect(outOfSight.status).toBe(404);
    const anonymous = await tusCreate(base(), '', 1000, { dossierCode: code, component: '2', filename: 'giay.pdf' });
    expect(anonymous.status).toBe(401);

    expect(await objectKeys()).toEqual(before.keys);
    expect(await rows()).toEqual(before.rows);
  });

  it('keeps a replaced component: a supplement adds version 2 and both versions stay downloadable by those allowed', async () => {
    const code = await receive('Đinh Thị Hoa');
    const first = pdfBytes(50_000);
    const second = pdfBytes(60_000);
    const v1 = await upload('tiepnhan.lvt', { dossierCode: code, component: '2', filename: 'ban-dau.pdf' }, first);
    const again = await upload('tiepnhan.lvt', { dossierCode: code, component: '2', filename: 'lan-nua.pdf' }, second);
    expect(again.created.status).toBe(409);
    expect(JSON.parse(again.created.body).error.message).toContain('tải lên với mục đích supplement');
    const v2 = await upload('tiepnhan.lvt', { dossierCode: code, component: '2', purpose: 'supplement', filename: 'bo-sung.pdf' }, second);
    expect(v2.appended!.status).toBe(204);

    const listed = (await call('GET', `/dossiers/${code}/documents`, 'chuyenvien.lvt')).body.documents;
    expect(listed).toEqual([
      expect.objectContaining({ id: v1.documentId, version: 1, current: false, purpose: 'submission', sha256: sha256(first) }),
      expect.objectContaining({ id: v2.documentId, version: 2, current: true, purpose: 'supplement', sha256: sha256(second) }),
    ]);
    for (const who of ['tiepnhan.lvt', 'chuyenvien.lvt']) {
      expect(sha256((await download(who, v1.documentId!)).body)).toBe(sha256(first));
      expect(sha256((await download(who, v2.documentId!)).body)).toBe(sha256(second));
    }
    expect((await download('tiepnhan.dk', v1.documentId!)).status).toBe(404);
    expect(await lastEvent('evt.documents.document.replaced')).toMatchObject({ documentId: v2.documentId, previousDocumentId: v1.documentId, version: 2 });
  });

  it('records a scan made at the counter as digitising its component', async () => {
    const code = await receive('Vi Văn Định');
    const scan = await upload('tiepnhan.lvt', { dossierCode: code, component: '2', purpose: 'digitisation', filename: 'scan.pdf' }, pdfBytes(40_000));
    expect(scan.appended!.status).toBe(204);
    expect((await call('GET', `/dossiers/${code}/documents`, 'tiepnhan.lvt')).body.digitised).toEqual(['2']);
    expect(await lastEvent('evt.documents.document.digitised')).toMatchObject({ documentId: scan.documentId, dossierCode: code, component: '2', receivingUnitCode: '05983' });
  });

  it("keeps a verified result in the applicant's store and lets a later dossier reuse it with no upload", async () => {
    const first = await receive('Hà Thị Mai');
    const result = pdfBytes(80_000);
    const uploaded = await upload('tiepnhan.lvt', { dossierCode: first, component: 'result', filename: 'giay-khai-sinh.pdf' }, result);
    const stored = await call('POST', `/dossiers/${first}/verified-documents`, 'tiepnhan.lvt', { kind: 'result', title: 'Giấy khai sinh', documentId: uploaded.documentId });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ ownerIdNumber: APPLICANT, kind: 'result', title: 'Giấy khai sinh', sourceDossierCode: first, sha256: sha256(result), reuseCount: 0 });

    const later = await receive('Hà Thị Mai');
    const store = await call('GET', `/citizens/${APPLICANT}/documents`, 'tiepnhan.lvt');
    expect(store.body.documents).toEqual([expect.objectContaining({ id: stored.body.id })]);
    const keysBefore = await objectKeys();

    const reused = await call('POST', `/dossiers/${later}/documents/reuse`, 'tiepnhan.lvt', { verifiedDocumentId: stored.body.id, component: '2' });
    expect(reused.status).toBe(201);
    expect(reused.body).toMatchObject({ dossierCode: later, component: '2', version: 1, purpose: 'reuse', verifiedDocumentId: stored.body.id, sha256: sha256(result) });
    expect(await objectKeys()).toEqual(keysBefore);
    expect(sha256((await download('chuyenvien.lvt', reused.body.id)).body)).toBe(sha256(result));
    expect(await lastEvent('evt.documents.document.reused')).toMatchObject({ documentId: reused.body.id, verifiedDocumentId: stored.body.id, dossierCode: later });
    expect((await call('GET', `/citizens/${APPLICANT}/documents`, 'tiepnhan.lvt')).body.documents[0].reuseCount).toBe(1);

    // Another commune's clerk may serve the citizen from the store, but may not put it into a dossier out of sight.
    expect((await call('POST', `/dossiers/${later}/documents/reuse`, 'tiepnhan.dk', { verifiedDocumentId: stored.body.id, component: '2' })).status).toBe(404);
  });

  it('moves the digitisation and reuse indicators by the files: every component scanned, then a component reused with no upload', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const figures = async () => {
      const report = await call('GET', `/reports/indicators?unitCode=05983&from=${today}&to=${today}`, 'lanhdao.lvt');
      expect(report.status).toBe(200);
      const inputs = (key: string) =>
        Object.fromEntries((report.body.indicators as { key: string; inputs: { name: string; value: number }[] }[]).find((indicator) => indicator.key === key)!.inputs.map((input) => [input.name, input.value]));
      return { digitisation: inputs('digitisation_rate'), reuse: inputs('reuse_rate') };
    };
    /** Everything the documents service announced so far, and the dossier, are in the reports. */
    const caughtUp = (codes: string[]) =>
      waitFor('the reports to hold the files and dossiers so far', async () => {
        const [files] = await db.query(`SELECT count(*)::int AS n FROM documents.documents WHERE purpose IN ('digitisation', 'reuse')`);
        const [counted] = await db.query('SELECT count(*)::int AS n FROM reporting.document_facts');
        const [facts] = await db.query('SELECT count(*)::int AS n FROM reporting.dossier_facts WHERE code = ANY($1)', [codes]);
        return files.n === counted.n && facts.n === codes.length ? true : undefined;
      });

    const scanned = await receive('Mã Thị Lan');
    await caughtUp([scanned]);
    const before = await figures();

    for (const component of ['1', '2']) {
      const scan = await upload('tiepnhan.lvt', { dossierCode: scanned, component, purpose: 'digitisation', filename: `quet-${component}.pdf` }, pdfBytes(20_000));
      expect(scan.appended!.status).toBe(204);
    }
    const later = await receive('Mã Thị Lan');
    const [verified] = (await call('GET', `/citizens/${APPLICANT}/documents`, 'tiepnhan.lvt')).body.documents;
    const keysBefore = await objectKeys();
    expect((await call('POST', `/dossiers/${later}/documents/reuse`, 'tiepnhan.lvt', { verifiedDocumentId: verified.id, component: '2' })).status).toBe(201);
    expect(await objectKeys()).toEqual(keysBefore);
    await caughtUp([scanned, later]);

    // Two dossiers received, four components; one dossier with every component scanned (two files); one component reused.
    expect(await figures()).toEqual({
      digitisation: {
        'Hồ sơ đã số hóa': before.digitisation['Hồ sơ đã số hóa']! + 1,
        'Hồ sơ tiếp nhận trong kỳ': before.digitisation['Hồ sơ tiếp nhận trong kỳ']! + 1,
        'Tệp đã số hóa (thành phần, kết quả)': before.digitisation['Tệp đã số hóa (thành phần, kết quả)']! + 2,
      },
      reuse: {
        'Thành phần hồ sơ sử dụng lại': before.reuse['Thành phần hồ sơ sử dụng lại']! + 1,
        'Thành phần hồ sơ tiếp nhận': before.reuse['Thành phần hồ sơ tiếp nhận']! + 2,
      },
    });
  });

  it('deletes a file only once its retention has run out, by the province admin, with an audit row; the rest stays', async () => {
    const code = await receive('Chu Văn An');
    const [old, later, stored, current] = [pdfBytes(30_000), pdfBytes(31_000), pdfBytes(32_000), pdfBytes(33_000)];
    // Uploaded on 01/03/2006 by the service's clock: kept 20 years, to 01/03/2026 inclusive.
    documentsNow = new Date('2006-03-01T09:00:00+07:00');
    const v1 = await upload('tiepnhan.lvt', { dossierCode: code, component: '2', filename: 'ban-cu.pdf' }, old);
    const result = await upload('tiepnhan.lvt', { dossierCode: code, component: 'result', filename: 'ket-qua-cu.pdf' }, stored);
    // Four days later: kept to 05/03/2026.
    documentsNow = new Date('2006-03-05T09:00:00+07:00');
    const fourDaysLater = await upload('tiepnhan.lvt', { dossierCode: code, component: '1', filename: 'to-khai-cu.pdf' }, later);
    documentsNow = null;
    const v2 = await upload('tiepnhan.lvt', { dossierCode: code, component: '2', purpose: 'supplement', filename: 'ban-moi.pdf' }, current);
    // The old result went into the citizen's store: its bytes stay as long as the store keeps it.
    expect((await call('POST', `/dossiers/${code}/verified-documents`, 'tiepnhan.lvt', { kind: 'result', title: 'Giấy khai sinh (bản cũ)', documentId: result.documentId })).status).toBe(201);
    const deletions = async () => (await db.query('SELECT document_id, sha256, rule, deleted_by FROM documents.document_deletions')) as Record<string, string>[];
    const documentRows = async () => (await rows()).documents;
    const before = { keys: await objectKeys(), documents: await documentRows() };

    // Only the province admin runs it, and never dated ahead of today.
    expect((await call('POST', '/documents/retention', 'tiepnhan.lvt', {})).status).toBe(403);
    const ahead = await call('POST', '/documents/retention', 'admin.tinh', { asOf: '2100-01-01' });
    expect(ahead.status).toBe(400);
    expect(ahead.body.error.message).toMatch(/^Ngày áp dụng 01\/01\/2100 sau hôm nay \(\d{2}\/\d{2}\/\d{4}\): chỉ hủy được tài liệu đã hết thời hạn lưu trữ tính đến hôm nay\.$/);
    // On the last day of its retention nothing is due.
    expect((await call('POST', '/documents/retention', 'admin.tinh', { asOf: '2026-03-01' })).body).toEqual({ asOf: '2026-03-01', deleted: 0 });
    expect(await objectKeys()).toEqual(before.keys);
    expect(await deletions()).toEqual([]);
    expect(sha256((await download('chuyenvien.lvt', v1.documentId!)).body)).toBe(sha256(old));

    // The day after: version 1 goes; the result kept in the store, the file kept to 05/03 and version 2 stay.
    const run = await call('POST', '/documents/retention', 'admin.tinh', { asOf: '2026-03-02' });
    expect(run).toMatchObject({ status: 200, body: { asOf: '2026-03-02', deleted: 1 } });
    expect(await deletions()).toEqual([
      { document_id: v1.documentId, sha256: sha256(old), rule: 'hết thời hạn lưu trữ (retain_until) trước ngày 02/03/2026', deleted_by: 'admin.tinh' },
    ]);
    const [v1Object] = (await db.query('SELECT object_key FROM documents.documents WHERE id = $1', [v1.documentId])) as { object_key: string }[];
    expect(await objectKeys()).toEqual(before.keys.filter((key) => key !== v1Object!.object_key));
    // The version's row stays, marked deleted: the dossier's history of files is not rewritten.
    expect(await documentRows()).toBe(before.documents);
    const gone = await download('chuyenvien.lvt', v1.documentId!);
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.body.toString()).error.message).toBe('Tài liệu «ban-cu.pdf» đã được hủy theo thời hạn lưu trữ.');
    for (const [kept, bytes] of [
      [result, stored],
      [fourDaysLater, later],
      [v2, current],
    ] as const) {
      expect(sha256((await download('chuyenvien.lvt', kept.documentId!)).body)).toBe(sha256(bytes));
    }
    // Run again for the same day: nothing more goes, nothing is audited twice.
    expect((await call('POST', '/documents/retention', 'admin.tinh', { asOf: '2026-03-02' })).body).toEqual({ asOf: '2026-03-02', deleted: 0 });
    expect(await deletions()).toHaveLength(1);
  });
});
