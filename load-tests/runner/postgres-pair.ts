import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A primary and a streaming standby from Debian's PostgreSQL binaries, on
 * loopback ports of their own, for the multi-node run. Run as the `postgres`
 * account when this process is root (initdb refuses root).
 */
export interface PostgresNode {
  port: number;
  dataDir: string;
  start(): void;
  /** `immediate`: what a crash of the node looks like to its clients. */
  stop(mode?: 'fast' | 'immediate'): void;
  promote(): void;
}

export const binDir = (): string => {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  return path.join('/usr/lib/postgresql', versions[versions.length - 1], 'bin');
};

export const asPostgres = (command: string, args: string[]) => {
  const bin = path.join(binDir(), command);
  const run = process.getuid?.() === 0 ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${run.stderr || run.stdout}`);
  return run.stdout;
};

export const ownedDir = (dir: string) => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
};

export function node(port: number, dataDir: string): PostgresNode {
  const log = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.log`);
  return {
    port,
    dataDir,
    start: () => void asPostgres('pg_ctl', ['-D', dataDir, '-l', log, '-w', '-t', '60', '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1`, 'start']),
    stop: (mode = 'fast') => void asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']),
    promote: () => void asPostgres('pg_ctl', ['-D', dataDir, '-w', 'promote']),
  };
}

export function createPostgresPair(dir: string, primaryPort: number, standbyPort: number): { primary: PostgresNode; standby: PostgresNode } {
  ownedDir(dir);
  const primaryDir = path.join(dir, 'primary');
  const standbyDir = path.join(dir, 'standby');
  asPostgres('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  appendFileSync(
    path.join(primaryDir, 'postgresql.conf'),
    // Synchronous commit to the standby: an acknowledged submission is on both before the client hears of it.
    `\nwal_level = replica\nmax_wal_senders = 5\nhot_standby = on\nmax_connections = 200\nsynchronous_standby_names = 'standby'\nwal_keep_size = 512MB\n`,
  );
  appendFileSync(path.join(primaryDir, 'pg_hba.conf'), 'host replication postgres 127.0.0.1/32 trust\n');
  const primary = node(primaryPort, primaryDir);
  primary.start();
  asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream', '-d', `application_name=standby`]);
  writeFileSync(path.join(standbyDir, 'standby.signal'), '');
  const standby = node(standbyPort, standbyDir);
  standby.start();
  return { primary, standby };
}
