import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const dossierConfigSchema = z.object({
  /** How often each replica looks for dossiers nearing or past their due instant; 0 turns the timer off. */
  DOSSIER_DEADLINE_CHECK_MS: z.coerce.number().int().min(0).default(60_000),
  /** "Sắp đến hạn" this many office hours before the due instant (one working day by default). */
  DOSSIER_DUE_SOON_WORKING_HOURS: z.coerce.number().positive().max(200).default(8),
  /**
   * A read model (units, procedure versions, calendar) whose oldest unapplied
   * event is older than this refuses submissions and actions with 503 rather
   * than apply stale rules.
   */
  DOSSIER_READ_MODEL_MAX_LAG_MS: z.coerce.number().int().min(100).default(5_000),
  /** How often each replica reads its read-model consumers' state from JetStream. */
  DOSSIER_READ_MODEL_CHECK_MS: z.coerce.number().int().min(10).default(500),
});

export type DossierConfig = BaseConfig & z.infer<typeof dossierConfigSchema>;
