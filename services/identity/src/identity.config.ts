import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';
import { vneidConfigSchema } from './federation/vneid.config';
import { keycloakProvisioningConfigSchema } from './provisioning/provisioning.config';

export const identityConfigSchema = z.object({
  IDENTITY_HTTP_PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(8 * 3_600),
  /** Redirect URI prefixes the authorization code flow accepts, comma-separated. */
  OIDC_REDIRECT_URIS: z
    .string()
    .default('http://127.0.0.1:3000/,http://localhost:3000/')
    .transform((value) => value.split(',').map((uri) => uri.trim()).filter(Boolean)),
  /** A signing key older than this is replaced at start (the previous one stays published until its tokens expire). */
  SIGNING_KEY_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** A new key is published this long before it signs (more than the services' JWKS refetch cooldown). */
  SIGNING_KEY_ACTIVATION_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  /** When set, the units in this file are imported at start (default profile only). */
  DEMO_UNITS_FILE: z.string().optional(),
  /** When set, the demo accounts in this file are created at start (default profile only). */
  DEMO_ACCOUNTS_FILE: z.string().optional(),
  ...keycloakProvisioningConfigSchema.shape,
  ...vneidConfigSchema.shape,
});

export type IdentityConfig = BaseConfig & z.infer<typeof identityConfigSchema>;
