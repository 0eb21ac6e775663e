/**
 * `npm run drill:restore`: a backup of the running platform restored into
 * empty servers on this machine, and the platform started on the restore
 * passing the same reconciliation as after a load run.
 *
 * 1. The platform on private infrastructure (private-platform.ts) over a
 *    PostgreSQL server from Debian's binaries with WAL archiving on
 *    (archive_command copies each segment to the run's archive).
 * 2. A steady load of submissions (LOAD_DRILL_RATE, 10/s), and files uploaded
 *    to some of the dossiers so the object store holds something.
 * 3. While it runs: a base backup (pg_basebackup); then the cut (see
 *    deploy/README.md, "Backup and restore"): every outbox table locked
 *    against writers and relays for a moment, each stream's last sequence
 *    read and a named restore point written; then the archive is brought up
 *    to the restore point, the streams are copied up to their cut sequences
 *    (stream-backup.ts) and the object store's directory is copied.
 * 4. The load goes on a little (what it writes after the cut must not come
 *    back), then the platform and its servers are stopped.
 * 5. The restore, timed: a new data directory from the base backup recovered
 *    to the restore point from the archive, on a new port; a new nats-server
 *    with an empty store given the streams; a new object-store directory.
 * 6. The platform started on the restore; a short load on it (new codes go
 *    on from the restored counters); the reconciliation (every submission
 *    answered before the cut there once, gapless codes, outboxes empty,
 *    consumers caught up, the reporting projection equal to the dossiers) and
 *    every document row's object present with its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client as MinioClient } from 'minio';
import { freePort, spawnNatsServer, tusAppend, tusCreate, uploadUrlOf, waitFor } from '@mc/local-infra';
import { loadUsername } from '../scenario/peak-hour';
import { runDirectory, say, withClient } from './platform';
import { asPostgres, node, ownedDir, type PostgresNode } from './postgres-pair';
import { startPrivatePlatform, type PostgresServer, type PrivatePlatform } from './private-platform';
import { provinceReceivedToday, reconcile } from './reconcile';
import { startSteadyLoad, type SteadyLoad } from './steady-load';
import { backupStreams, restoreStreams, streamSequences } from './stream-backup';

const env = process.env;
const RATE = Number(env.LOAD_DRILL_RATE ?? 10);
const LOAD_SECONDS = Number(env.LOAD_DRILL_SECONDS ?? 60);
const UPLOADS = Number(env.LOAD_DRILL_UPLOADS ?? 30);
const RESTORE_POINT = 'drill-cut';
const BUCKET = 'mot-cua-documents';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const chownToPostgres = (dir: string) => {
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
};

/** A Debian PostgreSQL server as the platform's: started, stopped, with a `motcua` database made on a fresh cluster. */
function asServer(pg: PostgresNode): PostgresServer {
  return { port: pg.port, start: async () => pg.start(), stop: async () => pg.stop('fast') };
}

async function archivingPostgres(dir: string, archive: string): Promise<PostgresNode> {
  ownedDir(dir);
  ownedDir(archive);
  const dataDir = path.join(dir, 'data');
  asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    // Every WAL segment is copied to the archive once complete; a copy never overwrites one already there.
    `\nwal_level = replica\narchive_mode = on\narchive_command = 'test ! -f ${archive}/%f && cp %p ${archive}/%f'\nmax_wal_senders = 4\nmax_connections = 200\n`,
  );
  appendFileSync(path.join(dataDir, 'pg_hba.conf'), 'host replication postgres 127.0.0.1/32 trust\n');
  const pg = node(await freePort(), dataDir);
  pg.start();
  await withClient(`postgres://postgres@127.0.0.1:${pg.port}/postgres`, (client) => client.query('CREATE DATABASE motcua'));
  return pg;
}

/**
 * The consistent cut: with every outbox locked (EXCLUSIVE: no writer can add an
 * event, no relay is half-way through a batch), every event committed so far is
 * either still in its outbox or already in its stream at or below the sequence
 * read now; the restore point is written inside that moment.
 */
async function cut(databaseUrl: string, natsUrl: string, namespace: string): Promise<{ sequences: Record<string, number>; lsn: string; walFile: string; fenceMs: number }> {
  return withClient(databaseUrl, async (client) => {
    const outboxes = (await client.query<{ t: string }>("SELECT format('%I.outbox', table_schema) AS t FROM information_schema.tables WHERE table_name = 'outbox' ORDER BY 1")).rows.map((row) => row.t);
    await client.query('BEGIN');
    const fenced = Date.now();
    await client.query("SET LOCAL lock_timeout = '30s'");
    await client.query(`LOCK TABLE ${outboxes.join(', ')} IN EXCLUSIVE MODE`);
    const sequences = await streamSequences(natsUrl, namespace);
    const { rows } = await client.query<{ lsn: string; wal: string }>('SELECT lsn::text, pg_walfile_name(lsn) AS wal FROM pg_create_restore_point($1) AS lsn', [RESTORE_POINT]);
    await client.query('COMMIT');
    return { sequences, lsn: rows[0]?.lsn ?? '', walFile: rows[0]?.wal ?? '', fenceMs: Date.now() - fenced };
  });
}

/** Files for some of the accepted dossiers, uploaded by the receiving unit's clerk: a small PDF as component 1. */
async function uploadFiles(platform: PrivatePlatform, load: SteadyLoad, count: number): Promise<{ uploaded: number; refused: string[] }> {
  const refused = new Map<string, number>();
  let uploaded = 0;
  for (const [code, unitCode] of [...load.accepted.entries()].slice(0, count)) {
    const token = platform.tokens[loadUsername('clerk', unitCode)];
    if (!token) continue;
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), randomBytes(20_000)]);
    const created = await tusCreate(platform.baseUrl, token, bytes.length, { dossierCode: code, component: '1', filename: 'to-khai.pdf' }).catch(() => null);
    const appended = created?.status === 201 ? await tusAppend(uploadUrlOf(platform.baseUrl, created), token, 0, bytes, bytes.length).catch(() => null) : null;
    if (appended?.headers['x-document-id']) uploaded += 1;
    else {
      const reason = `${created?.status ?? 'no answer'}${appended ? `/${appended.status}` : ''} ${(appended ?? created)?.body.slice(0, 120) ?? ''}`;
      refused.set(reason, (refused.get(reason) ?? 0) + 1);
    }
  }
  return { uploaded, refused: [...refused.entries()].map(([reason, n]) => `${n} × ${reason}`) };
}

/** Every document the restored database names has its object in the restored store, with the SHA-256 recorded for it. */
async function checkObjects(databaseUrl: string, s3Endpoint: string): Promise<{ documents: number; present: number; problems: string[] }> {
  const rows = await withClient(databaseUrl, async (client) => (await client.query<{ object_key: string; sha256: string }>('SELECT object_key, sha256 FROM documents.documents')).rows);
  const url = new URL(s3Endpoint);
  const minio = new MinioClient({ endPoint: url.hostname, port: Number(url.port), useSSL: false, accessKey: 'S3RVER', secretKey: 'S3RVER', pathStyle: true });
  const problems: string[] = [];
  let present = 0;
  for (const row of rows) {
    const stream = await minio.getObject(BUCKET, row.object_key).catch(() => null);
    if (!stream) {
      problems.push(`object ${row.object_key} missing`);
      continue;
    }
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    if (hash.digest('hex') === row.sha256) present += 1;
    else problems.push(`object ${row.object_key}: SHA-256 differs`);
  }
  return { documents: rows.length, present, problems: problems.slice(0, 10) };
}

async function main() {
  const dir = runDirectory('restore-drill');
  const backup = path.join(dir, 'backup');
  const archive = path.join(backup, 'wal-archive');
  let source: PrivatePlatform | undefined;
  let restored: PrivatePlatform | undefined;
  const servers: PostgresNode[] = [];
  // The stores stay until the servers are down; the run's end removes them (LOAD_KEEP=1 keeps them).
  const stopAll = async () => {
    await source?.close({ keepStores: true }).catch(() => undefined);
    await restored?.close({ keepStores: true }).catch(() => undefined);
    for (const pg of servers) {
      try {
        pg.stop('fast');
      } catch {
        // already stopped
      }
    }
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    say(`results and logs in ${path.relative(process.cwd(), dir)}`);
    // 1. The platform over an archiving PostgreSQL.
    const sourcePg = await archivingPostgres(path.join(dir, 'source-postgres'), archive);
    servers.push(sourcePg);
    source = await startPrivatePlatform({ dir: path.join(dir, 'source'), postgres: asServer(sourcePg) });
    const { namespace } = source;
    const sourceStores = source.stores;

    // 2. Load, and files.
    say(`load: submissions at ${RATE}/s for ${LOAD_SECONDS} s, ${UPLOADS} files uploaded meanwhile`);
    const load = startSteadyLoad({ baseUrl: source.baseUrl, data: source.data, tokens: source.tokens, rate: RATE, maxSeconds: LOAD_SECONDS + 600 });
    await sleep(Math.min(20, LOAD_SECONDS / 3) * 1000);
    const files = await uploadFiles(source, load, UPLOADS);
    say(`files: ${files.uploaded} uploaded${files.refused.length ? `; refused ${files.refused.join('; ')}` : ''}`);

    // 3. The backup, while the load runs.
    const baseBackupStarted = Date.now();
    const base = path.join(backup, 'base');
    ownedDir(backup);
    asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(sourcePg.port), '-U', 'postgres', '-D', base, '-X', 'stream', '-c', 'fast']);
    const baseBackupMs = Date.now() - baseBackupStarted;
    await sleep(Math.max(0, LOAD_SECONDS * 1000 - (Date.now() - baseBackupStarted) - 20_000) / 2);
    const acceptedBeforeCut = new Map(load.accepted);
    const theCut = await cut(source.databaseUrl, source.natsUrl, namespace);
    say(`cut at ${theCut.lsn} (writes held ${theCut.fenceMs} ms): stream sequences ${Object.entries(theCut.sequences).filter(([, n]) => n > 0).map(([name, n]) => `${name.slice(namespace.length + 1)} ${n}`).join(', ')}`);
    const copyStarted = Date.now();
    await withClient(source.databaseUrl, (client) => client.query('SELECT pg_switch_wal()'));
    await waitFor(`WAL ${theCut.walFile} in the archive`, async () => existsSync(path.join(archive, theCut.walFile)), 120_000, 200);
    const streamsWritten = await backupStreams(source.natsUrl, theCut.sequences, path.join(backup, 'streams.jsonl'));
    cpSync(source.stores.s3, path.join(backup, 's3'), { recursive: true });
    const copyMs = Date.now() - copyStarted;
    say(`backup: base backup ${baseBackupMs} ms; archive, streams (${Object.values(streamsWritten).reduce((a, b) => a + b, 0)} messages) and object store copied ${copyMs} ms after the cut`);

    // 4. The load goes on past the cut; then the platform and its servers go.
    await sleep(10_000);
    const loadSummary = await load.stop();
    const acceptedInAll = load.accepted.size;
    say(`load: ${loadSummary.responses} responses, ${loadSummary.failed} failed; ${acceptedBeforeCut.size} submissions answered before the cut, ${acceptedInAll} in all`);
    await source.close({ keepStores: true });
    source = undefined;
    sourcePg.stop('fast');
    servers.splice(servers.indexOf(sourcePg), 1);

    // 5. The restore into empty servers, timed.
    const restoreDir = path.join(dir, 'restore');
    const restoreStarted = Date.now();
    const restoredPgDir = path.join(restoreDir, 'postgres');
    ownedDir(restoreDir);
    cpSync(base, restoredPgDir, { recursive: true });
    appendFileSync(
      path.join(restoredPgDir, 'postgresql.conf'),
      `\narchive_mode = off\nrestore_command = 'cp ${archive}/%f %p'\nrecovery_target_name = '${RESTORE_POINT}'\nrecovery_target_action = 'promote'\n`,
    );
    writeFileSync(path.join(restoredPgDir, 'recovery.signal'), '');
    chownToPostgres(restoreDir);
    // PostgreSQL refuses a data directory others can read.
    chmodSync(restoredPgDir, 0o700);
    const restoredPg = node(await freePort(), restoredPgDir);
    restoredPg.start();
    servers.push(restoredPg);
    const restoredUrl = `postgres://postgres@127.0.0.1:${restoredPg.port}/motcua`;
    await waitFor('the restored PostgreSQL to finish recovery', async () => (await withClient(restoredUrl, (client) => client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).catch(() => null))?.rows[0]?.r === false, 300_000, 250);
    const postgresMs = Date.now() - restoreStarted;
    const restoredS3 = path.join(restoreDir, 's3');
    cpSync(path.join(backup, 's3'), restoredS3, { recursive: true });
    const natsStore = path.join(restoreDir, 'nats');
    // The streams go into a server of their own first, then the platform's server starts on that store.
    const loader = await spawnNatsServer({ port: await freePort(), storeDir: natsStore });
    const streamsRestored = await restoreStreams(loader.url, path.join(backup, 'streams.jsonl'));
    const restoredSequences = await streamSequences(loader.url, namespace);
    await loader.stop();
    const dataRestoredMs = Date.now() - restoreStarted;
    const sequencesMatch = Object.entries(theCut.sequences).every(([name, n]) => restoredSequences[name] === n);
    say(`restore: PostgreSQL recovered to ${RESTORE_POINT} in ${postgresMs} ms; streams (${Object.values(streamsRestored).reduce((a, b) => a + b, 0)} messages, sequences ${sequencesMatch ? 'as at the cut' : 'DIFFER'}) and objects in place ${dataRestoredMs} ms after the start`);

    // 6. The platform on the restore.
    mkdirSync(path.join(dir, 'restored'));
    restored = await startPrivatePlatform({ dir: path.join(dir, 'restored'), postgres: asServer(restoredPg), stores: { postgres: restoredPgDir, nats: natsStore, s3: restoredS3 }, namespace, provisioned: true });
    // Serving again: the gateway's health check answered with every service up (the load's 300 tokens are fetched after it).
    const serviceMs = restored.healthyAt - restoreStarted;
    say(`platform on the restore healthy ${serviceMs} ms after the restore began`);
    const after = startSteadyLoad({ baseUrl: restored.baseUrl, data: restored.data, tokens: restored.tokens, rate: RATE, maxSeconds: 15 });
    await sleep(15_000);
    const afterSummary = await after.stop();
    const accepted = new Map([...acceptedBeforeCut, ...after.accepted]);
    const reconciliation = await reconcile({
      databaseUrl: restored.databaseUrl,
      natsUrl: restored.natsUrl,
      namespace,
      accepted,
      drainBoundMs: Number(env.LOAD_DRAIN_SECONDS ?? 300) * 1000,
      reportApi: provinceReceivedToday(restored.baseUrl, restored.tokens),
    });
    for (const problem of reconciliation.problems) say(`  reconciliation: ${problem}`);
    const objects = await checkObjects(restored.databaseUrl, restored.s3Endpoint);
    for (const problem of objects.problems) say(`  objects: ${problem}`);
    const afterCut = [...load.accepted.keys()].filter((code) => !acceptedBeforeCut.has(code));
    const ok = reconciliation.ok && objects.problems.length === 0 && sequencesMatch && files.uploaded > 0;
    say(
      `on the restore: ${acceptedBeforeCut.size} submissions answered before the cut and ${after.accepted.size} after the restore, ${reconciliation.dossiersInDatabase} dossiers stored (${afterCut.length} answered after the cut are rightly not there), missing ${reconciliation.missing.length}, duplicated ${reconciliation.duplicated.length}, code series with gaps ${reconciliation.gaps.length}; ` +
        `reporting facts ${reconciliation.reporting.facts ?? '—'}; documents ${objects.documents}, objects present with their SHA-256 ${objects.present}`,
    );
    say(ok ? 'restore drill: every check passed' : 'restore drill: FAILED');
    writeFileSync(
      path.join(dir, 'result.json'),
      JSON.stringify(
        {
          machine: restored.machine,
          loadAverageAfter: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
          rate: RATE,
          files,
          backup: { baseBackupMs, cut: theCut, copyAfterCutMs: copyMs, streamsWritten, archiveSegments: readdirSync(archive).length },
          load: loadSummary,
          acceptedBeforeCut: acceptedBeforeCut.size,
          acceptedInAll,
          restore: { postgresMs, dataRestoredMs, serviceMs, streamsRestored, sequencesMatch },
          afterRestore: afterSummary,
          reconciliation,
          objects,
          ok,
        },
        null,
        2,
      ),
    );
    say(`written ${path.relative(process.cwd(), path.join(dir, 'result.json'))}`);
    await stopAll();
    if (env.LOAD_KEEP !== '1') for (const part of [backup, path.join(dir, 'source-postgres'), sourceStores.nats, sourceStores.s3, restoreDir]) rmSync(part, { recursive: true, force: true });
    process.exit(ok ? 0 : 99);
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? error}`);
    await stopAll();
    process.exit(1);
  }
}

void main();
