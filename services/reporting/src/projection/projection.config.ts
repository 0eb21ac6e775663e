import { z } from 'zod';

/** The reporting service's own settings, on top of the shared ones. */
export const projectionConfigSchema = z.object({
  /** "false" on a replica that should only answer reports (the lead is taken by whichever replica runs it). */
  REPORTING_PROJECTION_ENABLED: z
    .enum(['true', 'false'], 'phải là true hoặc false (must be true or false)')
    .default('true')
    .transform((value) => value === 'true'),
  /** Events applied per transaction. */
  REPORTING_PROJECTION_BATCH: z.coerce.number().int().min(1).max(5_000).default(1_000),
  /**
   * How long a delivered event may stay unacknowledged before JetStream hands it out again. A
   * batch takes about 0.1 s; this is also how long a new leader waits, after a leader that died
   * or lost its database in the middle of a batch, before it projects again.
   */
  REPORTING_PROJECTION_ACK_WAIT_MS: z.coerce.number().int().min(5_000).max(3_600_000).default(30_000),
});
