/**
 * A 200 MB scan uploaded through the gateway's public address (tus, one PATCH,
 * gateway → documents service → S3 stand-in), against a plain S3 PUT of the
 * same file to the same store in the same run. Prints each side's throughput,
 * their ratio, the resident memory of the two processes on the path (gateway
 * and documents: baseline, peak, growth; sampled from /proc every 50 ms, and
 * the kernel's own high-water mark; for documents also the peaks of its V8
 * heap and of its memory outside the heap, from memory-probe.ts) and whether
 * the stored object's SHA-256, read back through the download route, is the
 * file's.
 *
 *   npm run build && node dist/load-tests/benchmarks/upload-benchmark.js
 *
 * BENCH_MB (default 20,200: each size in the same run, the first one taken by
 * a cold process), BENCH_ROUNDS (default 2, alternating which side goes first).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'minio';
import { catalogService } from '@mc/catalog';
import { dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { deleteNamespaceStreams, dropDatabase, ensureDatabase, freePort, spawnService, tusCreate, tusOffset, uploadUrlOf, waitFor, type ServiceProcess } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { demoData, demoFiles, describeMachine, root, say } from '../runner/platform';

const S3rver = require('@20minutes/s3rver');

/**
 * Only what an upload needs: identity, catalog and dossier in this process
 * (sign-in, the procedure's limits, who may see the dossier), the gateway and
 * the documents service as processes of their own so that their memory is
 * theirs alone, and the S3 stand-in here. The whole platform's eight
 * processes do not start in reasonable time on a shared two-core machine.
 */
async function startPath(databaseUrl: string, namespace: string) {
  const [gatewayPort, identityPort, documentsPort, s3Port] = await Promise.all(Array.from({ length: 4 }, () => freePort()));
  const s3Dir = path.join(tmpdir(), `mc-bench-s3-${namespace}`);
  const s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: s3Dir, silent: true });
  await s3.run();
  const env = {
    DATABASE_URL: databaseUrl,
    NATS_URL,
    BUS_NAMESPACE: namespace,
    OIDC_ISSUER: `http://127.0.0.1:${identityPort}`,
    IDENTITY_HTTP_PORT: String(identityPort),
    DOCUMENTS_HTTP_PORT: String(documentsPort),
    DOCUMENTS_HTTP_URL: `http://127.0.0.1:${documentsPort}`,
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_HOST: '127.0.0.1',
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    ...demoFiles(),
    DEMO_CALENDAR_FILE: path.join(root, 'infra/demo/calendar.json'),
    DOSSIER_DEADLINE_CHECK_MS: '0',
    // The whole file in one PATCH, on a machine others share: a real client sends chunks that each fit the default.
    GATEWAY_REQUEST_TIMEOUT_MS: '600000',
    LOG_LEVEL: 'warn',
  };
  const inProcess: RunningService[] = [];
  for (const definition of [identityService, catalogService, dossierService]) inProcess.push(await startBusService(definition, env));
  // The two processes on the path log their own memory breakdown (memory-probe.ts) for the rounds to read.
  const probeDir = mkdtempSync(path.join(tmpdir(), `mc-bench-memory-${namespace}-`));
  const probed = { ...env, NODE_OPTIONS: `--require ${path.join(__dirname, 'memory-probe.js')}`, MEMORY_PROBE_DIR: probeDir };
  const children: ServiceProcess[] = ['documents', 'gateway'].map((name) => spawnService(name, probed, (service, line) => say(`${service}| ${line}`)));
  const baseUrl = `http://127.0.0.1:${gatewayPort}`;
  await waitFor('the gateway and the documents service', async () => (await fetch(`${baseUrl}/api/v1/health`).catch(() => null))?.status !== undefined && (await fetch(`http://127.0.0.1:${documentsPort}/api/v1/uploads/x`, { method: 'HEAD' }).catch(() => null)) !== null, 300_000, 500);
  return {
    baseUrl,
    issuer: env.OIDC_ISSUER,
    s3Endpoint: env.S3_ENDPOINT,
    pids: { gateway: children[1]!.child.pid!, documents: children[0]!.child.pid! },
    probeDir,
    async stop() {
      await Promise.all(children.map((child) => child.stop()));
      for (const service of inProcess.reverse()) await service.close();
      await s3.close();
      rmSync(s3Dir, { recursive: true, force: true });
      rmSync(probeDir, { recursive: true, force: true });
    },
  };
}

const env = process.env;
const SERVER_URL = env.LOAD_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = env.LOAD_NATS_URL ?? 'nats://127.0.0.1:4222';
/** File sizes in MB, each uploaded ROUNDS times in the same run: the growth must not follow the size. */
const SIZES = (env.BENCH_MB ?? '20,200').split(',').map(Number);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 2);
const BUCKET = 'mot-cua-documents';
const MB = 1024 * 1024;
const SEGMENT = 8 * MB;

/** Kilobytes of a process's resident set (VmRSS) and its peak since start (VmHWM). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

const PROBED = ['heapTotal', 'heapUsed', 'external', 'arrayBuffers'] as const;

/**
 * What a process's V8 heap and its memory outside the heap grew by between two
 * instants, from memory-probe.ts's samples: the peak inside the window less
 * the last sample before it.
 */
function breakdownOf(probeDir: string, pid: number, from: number, to: number): Record<(typeof PROBED)[number], number> {
  const samples = readFileSync(path.join(probeDir, `${pid}.log`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ').map(Number))
    .map(([at, , heapTotal, heapUsed, external, arrayBuffers]) => ({ at: at!, heapTotal: heapTotal!, heapUsed: heapUsed!, external: external!, arrayBuffers: arrayBuffers! }));
  const before = samples.filter((sample) => sample.at < from).pop() ?? samples[0]!;
  const during = samples.filter((sample) => sample.at >= from && sample.at <= to);
  return Object.fromEntries(PROBED.map((field) => [field, (Math.max(before[field], ...during.map((sample) => sample[field])) - before[field]) / MB])) as Record<
    (typeof PROBED)[number],
    number
  >;
}

async function sha256Of(stream: NodeJS.ReadableStream): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function streamTo(url: string, method: string, headers: Record<string, string>, file: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    outgoing.on('error', reject);
    pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), outgoing).catch(reject);
  });
}

/** A file of `megabytes` MB that file-type reads as a PDF (header, then random bytes), and its SHA-256. */
async function writeScan(megabytes: number, suffix: string): Promise<{ file: string; size: number; sha: string }> {
  const file = path.join(tmpdir(), `mc-upload-${suffix}-${megabytes}.pdf`);
  const size = megabytes * MB;
  const out = createWriteStream(file);
  out.write('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
  let written = 0;
  while (written < size - 64) {
    const chunk = randomBytes(Math.min(4 * MB, size - 64 - written));
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return { file, size: statSync(file).size, sha: await sha256Of(createReadStream(file)) };
}

async function main() {
  const suffix = randomBytes(3).toString('hex');
  const databaseUrl = Object.assign(new URL(SERVER_URL), { pathname: `/mc_bench_${suffix}` }).toString();
  const namespace = `bench${suffix}`;
  const machine = await describeMachine(SERVER_URL);
  say(`commit ${machine.commit}${machine.dirty ? ' (working tree changed)' : ''}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, load average ${machine.loadAverageBefore}`);

  const scans: ({ megabytes: number } & Awaited<ReturnType<typeof writeScan>>)[] = [];
  for (const megabytes of SIZES) scans.push({ megabytes, ...(await writeScan(megabytes, suffix)) });

  await ensureDatabase(databaseUrl);
  let platform: Awaited<ReturnType<typeof startPath>> | undefined;
  const storedKeys: string[] = [];
  let objects: Client | undefined;
  try {
    platform = await startPath(databaseUrl, namespace);
    const { issuer } = platform;
    const grant = (await (
      await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'mot-cua-web', username: 'tiepnhan.lvt', password: 'MotCua@2026' }),
      })
    ).json()) as { access_token: string };
    const token = grant.access_token;
    const [procedure] = demoData().counterProcedures;
    if (!procedure) throw new Error('the demo catalogue has no commune procedure received at the counter');
    const receive = async () =>
      (
        (await (
          await fetch(`${platform!.baseUrl}/api/v1/dossiers`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              procedureCode: procedure.code,
              channel: 'counter',
              applicant: { kind: 'individual', fullName: 'Hoàng Văn Bình', idNumber: '020088012345' },
              components: procedure.components.filter((component) => !component.condition).map((component) => ({ name: component.name })),
            }),
          })
        ).json()) as { receipt: { code: string } }
      ).receipt.code;

    const s3 = new URL(platform.s3Endpoint);
    objects = new Client({ endPoint: s3.hostname, port: Number(s3.port), useSSL: false, accessKey: 'S3RVER', secretKey: 'S3RVER', region: 'us-east-1', pathStyle: true });
    const { pids } = platform;

    const plainPut = async (scan: (typeof scans)[number], round: number) => {
      const key = `bench/plain-${scan.megabytes}-${round}`;
      storedKeys.push(key);
      const url = await objects!.presignedPutObject(BUCKET, key, 600);
      const started = performance.now();
      const answer = await streamTo(url, 'PUT', { 'content-length': String(scan.size), 'content-type': 'application/pdf' }, scan.file);
      if (answer.status !== 200) throw new Error(`plain PUT answered ${answer.status}`);
      return (performance.now() - started) / 1000;
    };
    const throughGateway = async (scan: (typeof scans)[number], code: string, round: number) => {
      const baseline = { gateway: memoryOf(pids.gateway).rss, documents: memoryOf(pids.documents).rss };
      const peak = { ...baseline };
      const sampler = setInterval(() => {
        for (const side of ['gateway', 'documents'] as const) peak[side] = Math.max(peak[side], memoryOf(pids[side]).rss);
      }, 50);
      const started = performance.now();
      const startedAt = Date.now();
      const created = await tusCreate(platform!.baseUrl, token, scan.size, {
        dossierCode: code,
        component: '1',
        purpose: round === 0 ? 'submission' : 'supplement',
        filename: `ban-quet-${scan.megabytes}MB.pdf`,
      });
      if (created.status !== 201) throw new Error(`creating the upload answered ${created.status} ${created.body}`);
      const url = uploadUrlOf(platform!.baseUrl, created);
      const answer = await streamTo(
        url,
        'PATCH',
        { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'content-length': String(scan.size) },
        scan.file,
      );
      const seconds = (performance.now() - started) / 1000;
      const endedAt = Date.now();
      clearInterval(sampler);
      for (const side of ['gateway', 'documents'] as const) peak[side] = Math.max(peak[side], memoryOf(pids[side]).rss);
      if (answer.status !== 204) throw new Error(`the upload answered ${answer.status}`);
      const documentId = String(answer.headers['x-document-id'] ?? (await tusOffset(url, token)).headers['x-document-id']);
      storedKeys.push(`documents/${documentId}`);
      const download = await fetch(`${platform!.baseUrl}/api/v1/documents/${documentId}/content`, { headers: { authorization: `Bearer ${token}` } });
      const downloadedSha = await sha256Of(download.body as unknown as NodeJS.ReadableStream);
      // The probe's last samples of the window are on disk by now (the download took longer than 50 ms).
      const documents = breakdownOf(platform!.probeDir, pids.documents, startedAt, endedAt);
      return { seconds, baseline, peak, documents, recordedSha: download.headers.get('x-content-sha256'), downloadedSha };
    };

    const growth = (run: Awaited<ReturnType<typeof throughGateway>>, side: 'gateway' | 'documents') => (run.peak[side] - run.baseline[side]) / MB;
    const summary: string[] = [];
    for (const scan of scans) {
      const code = await receive();
      const results: { plain: number[]; gateway: Awaited<ReturnType<typeof throughGateway>>[] } = { plain: [], gateway: [] };
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = round % 2 ? (['gateway', 'plain'] as const) : (['plain', 'gateway'] as const);
        for (const side of order) {
          if (side === 'plain') {
            const seconds = await plainPut(scan, round);
            results.plain.push(seconds);
            say(`${scan.megabytes} MB round ${round + 1} plain S3 PUT        ${seconds.toFixed(2)} s  ${(scan.size / MB / seconds).toFixed(1)} MB/s`);
          } else {
            const run = await throughGateway(scan, code, round);
            results.gateway.push(run);
            say(
              `${scan.megabytes} MB round ${round + 1} tus through gateway ${run.seconds.toFixed(2)} s  ${(scan.size / MB / run.seconds).toFixed(1)} MB/s  ` +
                `RSS documents ${(run.baseline.documents / MB).toFixed(0)} → ${(run.peak.documents / MB).toFixed(0)} MB (+${growth(run, 'documents').toFixed(1)}), ` +
                `gateway ${(run.baseline.gateway / MB).toFixed(0)} → ${(run.peak.gateway / MB).toFixed(0)} MB (+${growth(run, 'gateway').toFixed(1)})  ` +
                `documents' peaks: ${PROBED.map((field) => `${field} +${run.documents[field].toFixed(1)}`).join(', ')} MB  ` +
                `SHA-256 recorded ${run.recordedSha === scan.sha ? 'matches' : 'DIFFERS'}, read back ${run.downloadedSha === scan.sha ? 'matches' : 'DIFFERS'}`,
            );
          }
        }
      }
      const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
      const plainRate = (ROUNDS * scan.size) / MB / total(results.plain);
      const gatewayRate = (ROUNDS * scan.size) / MB / total(results.gateway.map((run) => run.seconds));
      const worst = (side: 'gateway' | 'documents') => Math.max(...results.gateway.map((run) => growth(run, side)));
      summary.push(
        `${scan.megabytes} MB: plain S3 PUT ${plainRate.toFixed(1)} MB/s; tus through the gateway ${gatewayRate.toFixed(1)} MB/s; ratio ${(gatewayRate / plainRate).toFixed(2)}; ` +
          `largest RSS growth during an upload: documents ${worst('documents').toFixed(1)} MB, gateway ${worst('gateway').toFixed(1)} MB; ` +
          `SHA-256 ${scan.sha.slice(0, 8)}…, every stored copy ${results.gateway.every((run) => run.downloadedSha === scan.sha && run.recordedSha === scan.sha) ? 'matches' : 'DIFFERS'}`,
      );
    }
    say(`${ROUNDS} rounds per size, alternating order; segment ${SEGMENT / MB} MiB (default)`);
    for (const line of summary) say(line);
    say(`high-water marks since start: documents ${(memoryOf(pids.documents).peak / MB).toFixed(0)} MB, gateway ${(memoryOf(pids.gateway).peak / MB).toFixed(0)} MB`);

    say(`load average after ${(await import('node:os')).loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  } finally {
    await objects?.removeObjects(BUCKET, storedKeys).catch(() => undefined);
    await platform?.stop();
    await deleteNamespaceStreams(NATS_URL, namespace).catch(() => undefined);
    await dropDatabase(databaseUrl).catch(() => undefined);
    for (const scan of scans) rmSync(scan.file, { force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
