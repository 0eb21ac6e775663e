import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const hour = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ dạng HH:MM (hour as HH:MM)');

export const notificationsConfigSchema = z.object({
  /** The brand-name SMS gateway (the simulator in the default profile). */
  SMS_GATEWAY_URL: z.url().default('http://127.0.0.1:3004'),
  SMS_GATEWAY_API_KEY: z.string().min(8).default('sms-demo-api-key'),
  /** The province's registered sender name (brandname) and the short code citizens text. */
  SMS_BRANDNAME: z.string().min(1).max(11).default('MOTCUA'),
  /** Zalo Official Account's ZNS API (the simulator in the default profile). */
  ZALO_ZNS_URL: z.url().default('http://127.0.0.1:3005'),
  ZALO_ACCESS_TOKEN: z.string().min(8).default('zalo-demo-access-token'),
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: int(1, 65_535, 1025),
  SMTP_FROM: z.string().min(3).default('"Trung tâm Phục vụ hành chính công" <motcua@tinh.gov.vn>'),
  /** What the SMS gateway and Zalo present on their callbacks (delivery reports, incoming texts). */
  PROVIDER_CALLBACK_TOKEN: z.string().min(16).default('provider-callback-demo-token'),
  /** Where the tracking links in messages point: the public portal's address. */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
  /** SMS quiet hours in Vietnam time: a message that is not urgent waits until the end. */
  SMS_QUIET_FROM: hour.default('21:00'),
  SMS_QUIET_UNTIL: hour.default('07:00'),
  /** Prices in đồng per unit: an SMS segment, a ZNS message, an e-mail. */
  SMS_PRICE_PER_SEGMENT: int(0, 100_000, 800),
  ZALO_PRICE_PER_MESSAGE: int(0, 100_000, 300),
  EMAIL_PRICE_PER_MESSAGE: int(0, 100_000, 0),
  /** How long after the request a supplement is asked for, in calendar days, stated in the message. */
  SUPPLEMENT_WINDOW_DAYS: int(1, 365, 30),
  /** How often each replica sends due messages, and how many at a time. */
  NOTIFY_SEND_INTERVAL_MS: int(10, 60_000, 200),
  NOTIFY_SEND_BATCH: int(1, 500, 50),
  /** Attempts at one message before it becomes a dead letter for a clerk. */
  NOTIFY_MAX_ATTEMPTS: int(1, 50, 8),
  NOTIFY_RETRY_BASE_MS: int(10, 600_000, 2_000),
  NOTIFY_RETRY_MAX_MS: int(100, 86_400_000, 3_600_000),
  /**
   * How long a provider has to answer one request. A real gateway on a bad minute takes several seconds, and a request
   * that times out after the provider took it cannot simply be sent again (see NOTIFY_UNCONFIRMED_WAIT_MS): 5 s made
   * such waits common on a busy catch-up, 15 s keeps them rare while a provider that is really down still shows quickly.
   */
  NOTIFY_PROVIDER_TIMEOUT_MS: int(100, 60_000, 15_000),
  /**
   * How long a message sent without an answer waits for the provider's delivery report before it is sent once more;
   * long enough for a report that comes late, short enough that a message really lost still arrives the same hour.
   */
  NOTIFY_UNCONFIRMED_WAIT_MS: int(100, 86_400_000, 900_000),
});

export type NotificationsConfig = BaseConfig & z.infer<typeof notificationsConfigSchema>;
