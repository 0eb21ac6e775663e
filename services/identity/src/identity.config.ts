import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const identityConfigSchema = z.object({
  IDENTITY_HTTP_PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(8 * 3_600),
  /** When set, the units in this file are imported at start (default profile only). */
  DEMO_UNITS_FILE: z.string().optional(),
  /** When set, the demo accounts in this file are created at start (default profile only). */
  DEMO_ACCOUNTS_FILE: z.string().optional(),
});

export type IdentityConfig = BaseConfig & z.infer<typeof identityConfigSchema>;
