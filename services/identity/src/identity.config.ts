import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const identityConfigSchema = z.object({
  IDENTITY_HTTP_PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  /** When set, the demo accounts in this file are created at start (default profile only). */
  DEMO_ACCOUNTS_FILE: z.string().optional(),
});

export type IdentityConfig = BaseConfig & z.infer<typeof identityConfigSchema>;
