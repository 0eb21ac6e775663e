import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { isPortOpen, waitFor } from './ports';

export interface NatsServerProcess {
  url: string;
  port: number;
  /** SIGTERM and wait: JetStream flushes its store. */
  stop(): Promise<void>;
  /** SIGKILL: what a crash looks like. */
  kill(): Promise<void>;
}

export function natsServerAvailable(): boolean {
  return spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A node of a JetStream cluster on loopback: its name, its route port, and every node's route port. */
export interface NatsClusterNode {
  name: string;
  routePort: number;
  routePorts: number[];
}

/** Starts `nats-server` from the PATH with JetStream on loopback, its store under `storeDir`. */
export async function spawnNatsServer(options: { port: number; storeDir: string; cluster?: NatsClusterNode }): Promise<NatsServerProcess> {
  if (!natsServerAvailable()) {
    throw new Error(
      'Không tìm thấy nats-server trong PATH. Cài bằng: apt-get install nats-server (Debian/Ubuntu) hoặc tải từ nats.io.',
    );
  }
  mkdirSync(options.storeDir, { recursive: true });
  const node = options.cluster;
  const cluster = node
    ? [
        '-n', node.name,
        '--cluster_name', 'mot-cua',
        '--cluster', `nats://127.0.0.1:${node.routePort}`,
        '--routes', node.routePorts.filter((port) => port !== node.routePort).map((port) => `nats://127.0.0.1:${port}`).join(','),
      ]
    : [];
  const child: ChildProcess = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(options.port), '-js', '-sd', options.storeDir, ...cluster], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(`nats-server on port ${options.port}`, () => isPortOpen('127.0.0.1', options.port), 10_000, 50);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url: `nats://127.0.0.1:${options.port}`, port: options.port, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
