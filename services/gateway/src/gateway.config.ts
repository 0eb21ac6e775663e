import { z } from 'zod';
import { baseConfigSchema } from '@mc/service-runtime/config';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Fastify's `trustProxy`: `false` (the socket's peer is the client), a hop
 * count (`1` behind the data centre's reverse proxy), or addresses and CIDRs
 * separated by commas. Never `true`: anyone could then choose their own
 * address with X-Forwarded-For and escape the per-address limits.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((value): boolean | number | string => (value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value))
  .refine((value) => value !== 'true', 'không được là true; ghi số lớp proxy hoặc địa chỉ của proxy (number of proxy hops or their addresses)');

export const gatewayConfigSchema = baseConfigSchema
  .pick({
    NATS_URL: true,
    BUS_NAMESPACE: true,
    BUS_REQUEST_TIMEOUT_MS: true,
    OIDC_ISSUER: true,
    OIDC_AUDIENCE: true,
    OIDC_DISCOVERY_URL: true,
    OIDC_JWKS_COOLDOWN_MS: true,
    LOG_LEVEL: true,
    OPS_PORT: true,
  })
  .extend({
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    GATEWAY_HOST: z.string().default('0.0.0.0'),
    GATEWAY_TRUST_PROXY: trustProxy,
    /** The client id a browser or test client uses with the issuer (public client, no secret). */
    OIDC_PUBLIC_CLIENT_ID: z.string().min(1).default('mot-cua-web'),
    HEALTH_TIMEOUT_MS: int(50, 30_000, 1_500),
    /** Upper bound of a request body; the gateway lowers it to what one NATS message carries. */
    BODY_LIMIT_BYTES: int(1_024, 50 * 1024 * 1024, 1024 * 1024),
    /** Deepest nesting of objects and arrays accepted in a JSON body; no form of the API needs more than a few levels. */
    JSON_MAX_DEPTH: int(2, 1_000, 64),
    /** Time to receive a whole request (headers and body); a client trickling its body is cut off after it. */
    GATEWAY_REQUEST_TIMEOUT_MS: int(200, 600_000, 30_000),
    /** Off only for measuring what the limits cost; a load run raises the limits instead. */
    RATE_LIMIT_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    RATE_LIMIT_WINDOW_MS: int(1_000, 3_600_000, 60_000),
    /** Requests per window from one client address without a token: tracking, catalogue search, registration. */
    RATE_LIMIT_PUBLIC_MAX: int(1, 100_000_000, 300),
    /** Requests per window from one signed-in account, wherever it connects from. */
    RATE_LIMIT_ACCOUNT_MAX: int(1, 100_000_000, 1_200),
    /** How often each replica tells the others its counts; the limit can be overshot by what arrives in between. */
    RATE_LIMIT_SYNC_MS: int(10, 10_000, 200),
    /** The staff console's built bundle, served at `/` (default: services/console/dist under the working directory). */
    CONSOLE_DIR: z.string().default('services/console/dist'),
    /** The documents service's own HTTP listener, where uploads and downloads are forwarded, streaming. */
    DOCUMENTS_HTTP_URL: z.url().default('http://127.0.0.1:3006'),
    /** The citizen portal's built bundle, served at `/cong-dan/` (default: services/portal/dist under the working directory). */
    PORTAL_DIR: z.string().default('services/portal/dist'),
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
