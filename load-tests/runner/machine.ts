/**
 * The machine's own limits and where its CPU went: pgbench -N against the same
 * Postgres, CPU time per process group from /proc, and the hottest functions
 * of `node --cpu-prof` profiles.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@mc/local-infra';

/** pgbench -N (TPC-B without the contended branch/teller updates: one short write transaction) for `seconds`, 8 clients, on a scratch database. */
export async function pgbenchN(serverUrl: string, seconds: number, clients = 8): Promise<{ tps: number; latencyMs: number; command: string }> {
  const url = new URL(serverUrl);
  url.pathname = `/mc_load_pgbench_${process.pid}`;
  await ensureDatabase(url.toString());
  const connection = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres')];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const name = url.pathname.slice(1);
  try {
    const init = spawnSync('pgbench', [...connection, '-i', '-q', '-s', '10', name], { env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`pgbench -i: ${init.stderr}`);
    const args = [...connection, '-N', '-c', String(clients), '-j', '2', '-T', String(seconds), name];
    const run = spawnSync('pgbench', args, { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pgbench: ${run.stderr}`);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1] ?? /tps = ([\d.]+)/.exec(run.stdout)?.[1]);
    const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(run.stdout)?.[1]);
    return { tps: Math.round(tps), latencyMs, command: `pgbench -N -c ${clients} -j 2 -T ${seconds} (scale 10)` };
  } finally {
    await dropDatabase(url.toString());
  }
}

/** CPU seconds used so far by each process, with the group it counts in. */
export type CpuTable = Map<number, { group: string; seconds: number }>;

const TICKS_PER_SECOND = 100;

/**
 * Whose CPU a snapshot is about, on a machine other people's platforms and databases share: services count only
 * when they descend from this run's platform process, Postgres backends only when their process title names this
 * run's database (`postgres: 15/main: postgres mc_load_… 127.0.0.1(…) idle`, autovacuum workers likewise); the rest
 * is shown apart ("other platforms", "postgres (others)": other databases, the WAL writer, the checkpointer).
 */
export interface CpuScope {
  platformPid?: number;
  database?: string;
}

/** CPU seconds used so far by every process and its group: each service by name, postgres, nats-server, the runner itself, the rest. */
export function cpuSnapshot(scope: CpuScope = {}): CpuTable {
  const processes = new Map<number, { parent: number; ticks: number; cmdline: string; postgres: boolean }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      processes.set(Number(entry), {
        parent: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        cmdline,
        postgres: /postgres/.test(cmdline) || stat.includes('(postgres)'),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  const ours = (pid: number) => {
    if (scope.platformPid === undefined) return true;
    for (let current = pid, hops = 0; current > 1 && hops < 16; current = processes.get(current)?.parent ?? 0, hops += 1) {
      if (current === scope.platformPid) return true;
    }
    return false;
  };
  const table: CpuTable = new Map();
  for (const [pid, { ticks, cmdline, postgres }] of processes) {
    const service = /dist\/services\/([a-z]+)\/src\/main\.js/.exec(cmdline)?.[1];
    const group = service
      ? ours(pid)
        ? service
        : 'other platforms'
      : pid === process.pid
        ? 'load generator'
        : /dist\/infra\/dev\/start\.js/.test(cmdline)
          ? 'start.js (logs, S3)'
          : postgres
            ? scope.database === undefined
              ? 'postgres'
              : cmdline.includes(` ${scope.database} `)
                ? 'postgres (this database)'
                : 'postgres (others)'
            : /nats-server/.test(cmdline)
              ? 'nats-server'
              : 'other';
    table.set(pid, { group, seconds: ticks / TICKS_PER_SECOND });
  }
  return table;
}

/**
 * CPU used between two snapshots, as cores busy on average over `seconds`, process by process: a pool that closes an
 * idle connection during the step ends a Postgres backend, and subtracting group totals would take that backend's
 * whole life off the step (Postgres then vanished from the table). What a process that ended used within the step is
 * lost, a small undercount; a process that started counts whole.
 */
export function cpuBetween(before: CpuTable, after: CpuTable, seconds: number): { group: string; cores: number }[] {
  const used = new Map<string, number>();
  for (const [pid, { group, seconds: total }] of after) {
    const earlier = before.get(pid);
    const inStep = earlier?.group === group ? total - earlier.seconds : total;
    used.set(group, (used.get(group) ?? 0) + inStep);
  }
  return [...used.entries()]
    .map(([group, total]) => ({ group, cores: Math.round((total / seconds) * 100) / 100 }))
    .filter((row) => row.cores > 0.005)
    .sort((a, b) => b.cores - a.cores);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time of the hottest functions in each .cpuprofile under `dir`, named by the service whose code appears most. */
export function summariseProfiles(dir: string, top = 12): { process: string; totalSamples: number; top: { what: string; percent: number }[]; byPackage: { what: string; percent: number }[] }[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
  return files.map((file) => {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<string, number>();
    const packages = new Map<string, number>();
    const services = new Map<string, number>();
    for (const sample of profile.samples) {
      const node = byId.get(sample);
      if (!node) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url.replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, '').replace(/^file:\/\//, '');
      const what = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
      self.set(what, (self.get(what) ?? 0) + 1);
      const pkg = url.includes('/node_modules/')
        ? (/\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? 'node_modules')
        : url.includes('/dist/')
          ? (/\/dist\/((?:services|libs)\/[^/]+)/.exec(url)?.[1] ?? 'dist')
          : url.startsWith('node:')
            ? 'node internals'
            : functionName.startsWith('(') ? functionName : 'node internals';
      packages.set(pkg, (packages.get(pkg) ?? 0) + 1);
      const service = /\/dist\/services\/([a-z]+)\//.exec(url)?.[1];
      if (service) services.set(service, (services.get(service) ?? 0) + 1);
    }
    const total = profile.samples.length || 1;
    const name = /^([a-z]+)-\d+\.cpuprofile$/.exec(file)?.[1] ?? [...services.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? file;
    const percent = (n: number) => Math.round((n / total) * 1000) / 10;
    return {
      process: name,
      totalSamples: profile.samples.length,
      top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([what, n]) => ({ what, percent: percent(n) })),
      byPackage: [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([what, n]) => ({ what, percent: percent(n) })),
    };
  });
}

/**
 * Samples pg_stat_activity of one database every `everyMs` while a step runs:
 * how many of its connections were running, idle in a transaction, or waiting
 * (and on what), summed over the samples. The database's own view of where
 * submissions wait, without pg_stat_statements.
 */
export function sampleActivity(databaseUrl: string, everyMs = 250) {
  const client = new Client({ connectionString: databaseUrl });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `SELECT CASE WHEN wait_event_type IS NOT NULL AND wait_event_type <> 'Client' THEN wait_event_type || ':' || wait_event ELSE state END AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1`,
        [name],
      );
      samples += 1;
      for (const row of rows) counts.set(row.what, (counts.get(row.what) ?? 0) + row.n);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    await client.end();
  })().catch(() => undefined);
  return {
    async stop(): Promise<{ what: string; average: number }[]> {
      running = false;
      await loop;
      return [...counts.entries()].map(([what, n]) => ({ what, average: Math.round((n / Math.max(samples, 1)) * 10) / 10 })).sort((a, b) => b.average - a.average);
    },
  };
}
