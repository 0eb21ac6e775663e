/**
 * The message providers as one process, for `npm start` (infra/dev/start.ts):
 * the brand-name SMS gateway, Zalo ZNS and the SMTP sink with its page.
 * Configured from the environment.
 */
import { MailSink } from './mail-sink';
import { SmsGatewaySimulator } from './sms-gateway-simulator';
import { ZaloZnsSimulator } from './zalo-zns-simulator';

const env = process.env;
const number = (name: string, fallback: number) => Number(env[name] ?? fallback);
const platform = env.PROVIDER_CALLBACK_BASE_URL ?? 'http://127.0.0.1:3000/api/v1/notifications/providers';
const callbackToken = env.PROVIDER_CALLBACK_TOKEN ?? 'provider-callback-demo-token';
// 0.0.0.0 in a container, so the platform's other containers reach it.
const host = env.SIMULATOR_HOST ?? '127.0.0.1';
const log = (msg: string) => process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg })}\n`);

async function main() {
  const sms = await SmsGatewaySimulator.start({
    port: number('SMS_GATEWAY_PORT', 3004),
    host,
    apiKey: env.SMS_GATEWAY_API_KEY ?? 'sms-demo-api-key',
    callbackToken,
    reportUrl: `${platform}/sms/reports`,
    inboundUrl: `${platform}/sms/inbound`,
    reportDelayMs: number('SMS_GATEWAY_REPORT_DELAY_MS', 2_000),
    perSecond: number('SMS_GATEWAY_PER_SECOND', 50),
    failRate: number('SMS_GATEWAY_FAIL_RATE', 0.05),
    answerDelayMs: number('SMS_GATEWAY_ANSWER_DELAY_MS', 0),
    undeliveredRate: number('SMS_GATEWAY_UNDELIVERED_RATE', 0.02),
  });
  const zalo = await ZaloZnsSimulator.start({
    port: number('ZALO_ZNS_PORT', 3005),
    host,
    accessToken: env.ZALO_ACCESS_TOKEN ?? 'zalo-demo-access-token',
    callbackToken,
    reportUrl: `${platform}/zalo/reports`,
    reportDelayMs: number('ZALO_ZNS_REPORT_DELAY_MS', 2_000),
    perSecond: number('ZALO_ZNS_PER_SECOND', 50),
    failRate: number('ZALO_ZNS_FAIL_RATE', 0.05),
    answerDelayMs: number('ZALO_ZNS_ANSWER_DELAY_MS', 0),
  });
  const mail = await MailSink.start({ smtpPort: number('SMTP_PORT', 1025), webPort: number('MAIL_PAGE_PORT', 1080), host, answerDelayMs: number('SMTP_ANSWER_DELAY_MS', 0) });
  log(`SMS gateway simulator at ${sms.url}, Zalo ZNS simulator at ${zalo.url}, SMTP sink on port ${mail.smtpPort} (read at ${mail.webUrl})`);
  const stop = () => void Promise.all([sms.close(), zalo.close(), mail.close()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`message-providers-simulator: ${error.message}\n`);
  process.exit(1);
});
