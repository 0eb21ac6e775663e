import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';
import { vneidConfigSchema } from './federation/vneid.config';
import { keycloakProvisioningConfigSchema } from './provisioning/provisioning.config';

export const identityConfigSchema = z.object({
  IDENTITY_HTTP_PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(8 * 3_600),
  /**
   * A refresh token just rotated is answered once more within this long: a page reloaded during a renewal lost
   * the answer with its successor. Longer than a renewal takes on slow 3G, far shorter than the 240 s between
   * renewals; 0 turns it off (every reuse then revokes the account's sign-ins).
   */
  REFRESH_TOKEN_REUSE_WINDOW_SECONDS: z.coerce.number().int().min(0).max(120).default(30),
  /** Redirect URI prefixes the authorization code flow accepts, comma-separated. */
  OIDC_REDIRECT_URIS: z
    .string()
    .default('http://127.0.0.1:3000/,http://localhost:3000/')
    .transform((value) => value.split(',').map((uri) => uri.trim()).filter(Boolean)),
  /** A signing key older than this is replaced at start (the previous one stays published until its tokens expire). */
  SIGNING_KEY_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** A new key is published this long before it signs (more than the services' JWKS refetch cooldown). */
  SIGNING_KEY_ACTIVATION_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  /** Wrong passwords for one username before each further try must wait, 1 s and doubling. */
  SIGN_IN_FREE_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000).default(5),
  /** The same over every username tried from one client address; a commune office signs in through one address. */
  SIGN_IN_FREE_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(30),
  /** The longest wait: a flood of wrong passwords slows an account's owner down, never locks them out for longer. */
  SIGN_IN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  /** Failures are forgotten after this long without another one. */
  SIGN_IN_FAILURE_MEMORY_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(3_600),
  /** A request, body included, must arrive within this long; a client trickling its body is cut off. */
  ISSUER_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(10_000),
  /** When set, the units in this file are imported at start (default profile only). */
  DEMO_UNITS_FILE: z.string().optional(),
  /** When set, the demo accounts in this file are created at start (default profile only). */
  DEMO_ACCOUNTS_FILE: z.string().optional(),
  ...keycloakProvisioningConfigSchema.shape,
  ...vneidConfigSchema.shape,
});

export type IdentityConfig = BaseConfig & z.infer<typeof identityConfigSchema>;
