import { z } from 'zod';
import { ConfigError } from '@mc/service-runtime';
import type { KeycloakAdminSettings } from './keycloak-admin-client';

// Compose files disable a variable by setting it to "", which must mean "not set".
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * Variables of the provisioning into Keycloak, merged into the identity
 * service's schema. Only field schemas: the runtime extends the base schema
 * with `.shape`, which would drop an object-level refinement, so the
 * "all or nothing" rule is checked in `keycloakAdminSettings`.
 */
export const keycloakProvisioningConfigSchema = z.object({
  /** Keycloak's base URL (without /realms/…). When set, accounts are provisioned into the realm (compose and production profiles). */
  KEYCLOAK_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/, error: 'phải là URL http(s)://… (must be an http(s) URL)' }).optional()),
  /** The realm whose users carry the platform's claims. */
  KEYCLOAK_REALM: z.string().min(1).default('mot-cua'),
  /** The realm of the confidential admin client below. */
  KEYCLOAK_ADMIN_REALM: z.string().min(1).default('master'),
  /** Confidential client with a service account holding `manage-users` on the realm. */
  KEYCLOAK_ADMIN_CLIENT_ID: z.preprocess(blankAsUnset, z.string().min(1).optional()),
  KEYCLOAK_ADMIN_CLIENT_SECRET: z.preprocess(blankAsUnset, z.string().min(1).optional()),
});

export type KeycloakProvisioningConfig = z.infer<typeof keycloakProvisioningConfigSchema>;

/** Provisioning is on exactly when a Keycloak URL is given. */
export const provisioningEnabled = (env: Record<string, unknown>): boolean => blankAsUnset(env.KEYCLOAK_URL) !== undefined;

/** Reads the settings from the service's validated configuration; names every missing variable at start. */
export function keycloakAdminSettings(config: Record<string, unknown>): KeycloakAdminSettings {
  const parsed = keycloakProvisioningConfigSchema.safeParse(config);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
  }
  const { KEYCLOAK_URL, KEYCLOAK_REALM, KEYCLOAK_ADMIN_REALM, KEYCLOAK_ADMIN_CLIENT_ID, KEYCLOAK_ADMIN_CLIENT_SECRET } = parsed.data;
  if (!KEYCLOAK_URL || !KEYCLOAK_ADMIN_CLIENT_ID || !KEYCLOAK_ADMIN_CLIENT_SECRET) {
    const missing = Object.entries({ KEYCLOAK_URL, KEYCLOAK_ADMIN_CLIENT_ID, KEYCLOAK_ADMIN_CLIENT_SECRET })
      .filter(([, value]) => !value)
      .map(([name]) => `  ${name}: bắt buộc khi bật đồng bộ tài khoản sang Keycloak (required when KEYCLOAK_URL is set)`);
    throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n${missing.join('\n')}`);
  }
  return {
    baseUrl: KEYCLOAK_URL,
    realm: KEYCLOAK_REALM,
    adminRealm: KEYCLOAK_ADMIN_REALM,
    clientId: KEYCLOAK_ADMIN_CLIENT_ID,
    clientSecret: KEYCLOAK_ADMIN_CLIENT_SECRET,
  };
}
