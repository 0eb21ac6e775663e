/**
 * The VNeID simulator as a process, for `npm start` (infra/dev/start.ts) and
 * any profile without the real national identity. Configured from the
 * environment; the identity service is its one registered client.
 */
import { readFileSync } from 'node:fs';
import { VneidSimulator, type VneidCitizen } from './vneid-simulator';

const env = process.env;
// Without a file the page still lets anyone type in a test citizen.
const { citizens } = env.VNEID_CITIZENS_FILE
  ? (JSON.parse(readFileSync(env.VNEID_CITIZENS_FILE, 'utf8')) as { citizens: VneidCitizen[] })
  : { citizens: [] };

VneidSimulator.start({
  port: Number(env.VNEID_PORT ?? 3002),
  host: env.VNEID_HOST ?? '127.0.0.1',
  issuer: env.VNEID_PUBLIC_URL,
  idNumberClaim: env.VNEID_ID_NUMBER_CLAIM,
  citizens,
  clients: [
    {
      clientId: env.VNEID_CLIENT_ID ?? 'mot-cua-lang-son',
      clientSecret: env.VNEID_CLIENT_SECRET,
      redirectUris: (env.VNEID_REDIRECT_URIS ?? 'http://127.0.0.1:3001/federation/vneid/callback').split(',').map((uri) => uri.trim()),
    },
  ],
}).then(
  (simulator) => {
    process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg: `VNeID simulator at ${simulator.issuer}` })}\n`);
    const stop = () => void simulator.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: Error) => {
    process.stderr.write(`vneid-simulator: ${error.message}\n`);
    process.exit(1);
  },
);
