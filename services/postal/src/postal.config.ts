import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const postalConfigSchema = z.object({
  /** The postal operator's API (the simulator in the default profile). */
  POSTAL_OPERATOR_URL: z.url().default('http://127.0.0.1:3003'),
  /** Shared HMAC secret with the operator, both ways. */
  POSTAL_OPERATOR_SECRET: z.string().min(16).default('buu-dien-demo-secret'),
  /** A webhook whose timestamp is further than this from now is refused (and a replay after it cannot pass). */
  POSTAL_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** How often each replica sends queued orders to the operator. */
  POSTAL_RELAY_INTERVAL_MS: z.coerce.number().int().min(10).default(200),
  /** The longest wait between two attempts at an order the operator did not take. */
  POSTAL_RELAY_MAX_BACKOFF_MS: z.coerce.number().int().min(100).default(30_000),
  POSTAL_OPERATOR_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
});

export type PostalConfig = BaseConfig & z.infer<typeof postalConfigSchema>;
