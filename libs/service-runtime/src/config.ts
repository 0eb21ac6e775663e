import { z } from 'zod';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Settings every process shares; a service extends this with its own. */
export const baseConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải là URL postgres://… (must be a postgres:// URL)')
    .default('postgres://postgres@127.0.0.1:5432/motcua'),
  DB_POOL_SIZE: int(1, 200, 10),
  NATS_URL: z.string().regex(/^(nats|tls):\/\//, 'phải là URL nats://… (must be a nats:// URL)').default('nats://127.0.0.1:4222'),
  BUS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_-]*$/, 'chỉ chữ thường, số, - và _ (lower-case letters, digits, - and _ only)')
    .default(''),
  BUS_REQUEST_TIMEOUT_MS: int(100, 120_000, 5_000),
  BUS_MAX_DELIVER: int(1, 100, 5),
  BUS_RETRY_DELAY_MS: int(10, 600_000, 1_000),
  BUS_ACK_WAIT_MS: int(1_000, 3_600_000, 30_000),
  BUS_BATCH_SIZE: int(1, 10_000, 100),
  OIDC_ISSUER: z.url('phải là URL (must be a URL)').default('http://127.0.0.1:3001'),
  OIDC_AUDIENCE: z.string().min(1).default('mot-cua'),
  /**
   * Where this process fetches the issuer's discovery document when the issuer's
   * public URL (the token's `iss`) is not reachable from inside the cluster.
   */
  OIDC_DISCOVERY_URL: z.url('phải là URL (must be a URL)').optional(),
  /** The least time between two JWKS fetches prompted by an unknown key id. */
  OIDC_JWKS_COOLDOWN_MS: int(0, 600_000, 30_000),
  /** JetStream replicas of the streams a service creates: 3 on a three-node cluster. */
  BUS_STREAM_REPLICAS: int(1, 5, 1),
  /**
   * Port of the process's own operations listener (`/livez`, `/readyz`, `/metrics`); unset, there is
   * none and metrics are not recorded. Kubernetes probes and Prometheus scrape each pod here.
   */
  OPS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

export class ConfigError extends Error {}

/** Validates the environment once at start; the message names every bad variable. */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
}
