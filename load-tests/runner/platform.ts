/**
 * What both runners need around the load itself: a fresh database and
 * namespace, the platform in production mode, the load accounts and their
 * tokens, and the machine's description.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, repoRoot, waitFor } from '@mc/local-infra';
import {
  PROVINCE_ADMIN,
  LOAD_PASSWORD,
  provisioningPlan,
  scenarioData,
  type DemoProcedure,
  type DemoUnit,
  type ScenarioData,
} from '../scenario/peak-hour';

export const root = repoRoot();
export const say = (line: string) => process.stdout.write(`[load] ${line}\n`);

export function demoData(): ScenarioData {
  const units = (JSON.parse(readFileSync(path.join(root, 'infra/demo/units.json'), 'utf8')) as { units: DemoUnit[] }).units;
  const procedures = (JSON.parse(readFileSync(path.join(root, 'infra/demo/catalog/procedures.json'), 'utf8')) as { procedures: DemoProcedure[] }).procedures;
  return scenarioData(units, procedures);
}

/** The demo province every private platform of the runners and benchmarks starts with. */
export function demoFiles(): Record<'DEMO_UNITS_FILE' | 'DEMO_ACCOUNTS_FILE' | 'DEMO_CATALOG_FILE', string> {
  return {
    DEMO_UNITS_FILE: path.join(root, 'infra/demo/units.json'),
    DEMO_ACCOUNTS_FILE: path.join(root, 'infra/demo/accounts.json'),
    DEMO_CATALOG_FILE: path.join(root, 'infra/demo/catalog/procedures.json'),
  };
}

export function runDirectory(kind: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(root, '.data', kind, stamp);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface PlatformProcess {
  baseUrl: string;
  /** The S3 stand-in the platform started (credentials S3RVER/S3RVER, bucket mot-cua-documents). */
  s3Endpoint: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `node dist/infra/dev/start.js` (the platform in production mode) on the given
 * database and namespace, with ports of its own, logs to a file.
 */
export async function startPlatform(options: { databaseUrl: string; natsUrl: string; namespace: string; logFile: string; extraEnv?: Record<string, string> }): Promise<PlatformProcess> {
  const [gatewayPort, identityPort, s3Port, documentsPort, vneidPort, postalPort] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  // The message providers' simulators too, so a run never meets `npm start` on their usual ports.
  const [smsPort, zaloPort, smtpPort, mailPagePort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const log = createWriteStream(options.logFile);
  const child = spawn(process.execPath, [path.join(root, 'dist/infra/dev/start.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      NATS_URL: options.natsUrl,
      BUS_NAMESPACE: options.namespace,
      GATEWAY_PORT: String(gatewayPort),
      IDENTITY_HTTP_PORT: String(identityPort),
      DOCUMENTS_HTTP_PORT: String(documentsPort),
      // Other platforms may run on this machine: every port of this one is its own.
      VNEID_PORT: String(vneidPort),
      POSTAL_OPERATOR_PORT: String(postalPort),
      S3_PORT: String(s3Port),
      SMS_GATEWAY_PORT: String(smsPort),
      ZALO_ZNS_PORT: String(zaloPort),
      SMTP_PORT: String(smtpPort),
      MAIL_PAGE_PORT: String(mailPagePort),
      LOG_LEVEL: process.env.LOAD_LOG_LEVEL ?? 'warn',
      // The load comes from one address and a few hundred accounts at thousands of requests a second.
      // The limits stay on, so their cost is part of what is measured, but far above what a run sends.
      RATE_LIMIT_PUBLIC_MAX: '100000000',
      RATE_LIMIT_ACCOUNT_MAX: '100000000',
      // The deadline checker is a background scan; keep it out of the measured path.
      ...options.extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${gatewayPort}`;
  try {
    await waitFor(
      'the platform (GET /api/v1/health = 200)',
      async () => {
        if (child.exitCode !== null) throw new Error(`start.js exited with ${child.exitCode}; see ${options.logFile}`);
        return (await fetch(`${baseUrl}/api/v1/health`).catch(() => null))?.status === 200;
      },
      180_000,
      500,
    );
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    baseUrl,
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export type Tokens = Record<string, string>;

async function json(method: string, url: string, body: unknown, bearer?: string) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

interface Grant {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
}

async function tokenRequest(issuer: string, form: Record<string, string>, who: string): Promise<Grant> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'mot-cua-web', ...form }),
  });
  const body = (await response.json()) as { access_token?: string; refresh_token?: string; expires_in?: number; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${who}: ${response.status} ${body.error_description}`);
  return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresIn: body.expires_in ?? 300 };
}

const passwordGrant = (issuer: string, username: string) => tokenRequest(issuer, { grant_type: 'password', username, password: LOAD_PASSWORD }, username);

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * A provisioning request, sent again while the platform answers 5xx: just started on a loaded machine, a
 * service may time out. A request that timed out may still have been done, so a retry may meet its own 409.
 */
async function untilServed(send: () => Promise<{ status: number; text: string }>): Promise<{ status: number; text: string; retried: boolean }> {
  for (let attempt = 1; ; attempt += 1) {
    const reply = await send();
    if (reply.status < 500 || attempt === 6) return { ...reply, retried: attempt > 1 };
    await new Promise((resolve) => setTimeout(resolve, 2_000 * attempt));
  }
}

async function createAccounts(baseUrl: string, admin: string, plan: ReturnType<typeof provisioningPlan>) {
  await inParallel(plan.staff, 4, async (account) => {
    const reply = await untilServed(() => json('POST', `${baseUrl}/api/v1/accounts`, account, admin));
    if (reply.status !== 201 && reply.status !== 409) throw new Error(`account ${account.username}: ${reply.status} ${reply.text}`);
  });
  await inParallel(plan.citizens, 4, async (citizen) => {
    const reply = await untilServed(() => json('POST', `${baseUrl}/api/v1/citizens`, citizen));
    if (reply.status !== 202 && !(reply.retried && reply.status === 409)) throw new Error(`citizen ${citizen.idNumber}: ${reply.status} ${reply.text}`);
  });
}

/**
 * The same provisioning as the k6 script's setup(): accounts by the province admin, citizens by themselves, then a real token for each.
 * `existing`: the accounts are there already (a platform started on a restored backup); only the tokens are fetched.
 */
export async function provision(baseUrl: string, data: ScenarioData, options: { existing?: boolean } = {}): Promise<{ issuer: string; tokens: Tokens; stopRefreshing: () => void }> {
  const config = (await (await fetch(`${baseUrl}/api/v1/auth/config`)).json()) as { issuer: string };
  const issuer = config.issuer.replace(/\/$/, '');
  const adminGrant = await passwordGrant(issuer, PROVINCE_ADMIN);
  const admin = adminGrant.accessToken;
  const plan = provisioningPlan(data);
  if (!options.existing) await createAccounts(baseUrl, admin, plan);
  const tokens: Tokens = { [PROVINCE_ADMIN]: admin };
  const grants = new Map<string, Grant>([[PROVINCE_ADMIN, adminGrant]]);
  const usernames = [...plan.staff.map((account) => account.username), ...plan.citizens.map((citizen) => citizen.idNumber)];
  await inParallel(usernames, 4, async (username) => {
    const grant = await passwordGrant(issuer, username);
    grants.set(username, grant);
    tokens[username] = grant.accessToken;
  });
  // Access tokens live TOKEN_TTL_SECONDS (300 by default); a run lasts longer. Renew each with its refresh
  // token (rotating) at two thirds of its life, in the background, as a client would.
  const renewEveryMs = Math.max(20_000, (adminGrant.expiresIn * 1000 * 2) / 3);
  const renew = setInterval(() => {
    void inParallel([...grants.keys()], 2, async (username) => {
      const previous = grants.get(username) as Grant;
      const grant = await (previous.refreshToken
        ? tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: previous.refreshToken }, username)
        : passwordGrant(issuer, username)
      ).catch(() => passwordGrant(issuer, username));
      grants.set(username, grant);
      tokens[username] = grant.accessToken;
    }).catch((error: Error) => say(`token renewal failed: ${error.message}`));
  }, renewEveryMs);
  renew.unref();
  // The dossier service asks the catalog for each unit's calendar; the catalog learns units from identity's events.
  const last = data.units[data.units.length - 1];
  await waitFor('the catalog to know every commune', async () => (await fetch(`${baseUrl}/api/v1/calendar/${new Date().getUTCFullYear()}?unit=${last?.code}`)).status === 200, 60_000, 250);
  return { issuer, tokens, stopRefreshing: () => clearInterval(renew) };
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface MachineDescription {
  commit: string;
  dirty: boolean;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  nats: string;
  loadAverageBefore: string;
}

export async function describeMachine(databaseUrl: string): Promise<MachineDescription> {
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  const postgres = await withClient(databaseUrl, async (client) => (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?');
  const nats = spawnSync('nats-server', ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain']).length > 0,
    cpu: cpus()[0]?.model ?? '?',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    nats,
    loadAverageBefore: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}
