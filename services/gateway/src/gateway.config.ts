import { z } from 'zod';
import { baseConfigSchema } from '@mc/service-runtime';

export const gatewayConfigSchema = baseConfigSchema
  .pick({ NATS_URL: true, BUS_NAMESPACE: true, BUS_REQUEST_TIMEOUT_MS: true, OIDC_ISSUER: true, OIDC_AUDIENCE: true, LOG_LEVEL: true })
  .extend({
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    GATEWAY_HOST: z.string().default('0.0.0.0'),
    /** The client id a browser or test client uses with the issuer (public client, no secret). */
    OIDC_PUBLIC_CLIENT_ID: z.string().min(1).default('mot-cua-web'),
    HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1_500),
    /** The staff console's built bundle, served at `/` (default: services/console/dist under the working directory). */
    CONSOLE_DIR: z.string().default('services/console/dist'),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(50 * 1024 * 1024).default(1024 * 1024),
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
