/**
 * The remote-signing simulator as a process, for `npm start`
 * (infra/dev/start.ts): it holds the test CA's keys, as a remote-signing
 * service holds its subscribers', and confirms each request after a pause.
 */
import { ensureTestCa, readKey } from '@mc/signing';
import { RemoteSigningSimulator, type Outcome } from './remote-signing-simulator';

const env = process.env;

async function main() {
  const ca = await ensureTestCa(env.SIGNATURES_CA_DIR ?? '.data/signatures/test-ca', env.SIGNATURES_KEY_PASSWORD ?? 'MotCua@2026');
  const simulator = await RemoteSigningSimulator.start({
    keys: (id) => (ca.keys[id] ? readKey(ca, id) : Promise.resolve(null)),
    port: Number(env.REMOTE_SIGNING_PORT ?? 3007),
    host: env.REMOTE_SIGNING_HOST ?? '127.0.0.1',
    defaultOutcome: (env.REMOTE_SIGNING_OUTCOME as Outcome | undefined) ?? 'confirm',
    confirmAfterMs: Number(env.REMOTE_SIGNING_CONFIRM_MS ?? 3_000),
    expireAfterMs: Number(env.REMOTE_SIGNING_EXPIRE_MS ?? 120_000),
  });
  process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg: `remote-signing simulator at ${simulator.url}` })}\n`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`remote-signing-simulator: ${error.message}\n`);
  process.exit(1);
});
