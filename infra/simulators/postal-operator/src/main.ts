/**
 * The postal operator simulator as a process, for `npm start`
 * (infra/dev/start.ts): orders from the postal service, signed webhooks to the
 * gateway's partner route. Configured from the environment.
 */
import { PostalOperatorSimulator } from './postal-operator-simulator';

const env = process.env;
const rate = (name: string, fallback: number) => Number(env[name] ?? fallback);

PostalOperatorSimulator.start({
  port: Number(env.POSTAL_OPERATOR_PORT ?? 3003),
  host: env.POSTAL_OPERATOR_HOST ?? '127.0.0.1',
  secret: env.POSTAL_OPERATOR_SECRET ?? 'buu-dien-demo-secret',
  webhookUrl: env.POSTAL_WEBHOOK_URL ?? 'http://127.0.0.1:3000/api/v1/postal/webhooks',
  stepMs: Number(env.POSTAL_OPERATOR_STEP_MS ?? 20_000),
  seed: Number(env.POSTAL_OPERATOR_SEED ?? 2026),
  failDeliveryRate: rate('POSTAL_OPERATOR_FAIL_RATE', 0.1),
  duplicateRate: rate('POSTAL_OPERATOR_DUPLICATE_RATE', 0.1),
  outOfOrderRate: rate('POSTAL_OPERATOR_OUT_OF_ORDER_RATE', 0.1),
  unavailableRate: rate('POSTAL_OPERATOR_UNAVAILABLE_RATE', 0.05),
  // npm start keeps the platform's data across restarts, the simulator keeps nothing: tenths of a second since the epoch keep its waybills new.
  firstWaybill: Math.floor(Date.now() / 100) % 90_000_000,
  log: (msg) => process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg: `postal operator reported ${msg}` })}\n`),
}).then(
  (simulator) => {
    process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg: `postal operator simulator at ${simulator.url}` })}\n`);
    const stop = () => void simulator.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: Error) => {
    process.stderr.write(`postal-operator-simulator: ${error.message}\n`);
    process.exit(1);
  },
);
