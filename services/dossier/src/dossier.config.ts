import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const dossierConfigSchema = z.object({
  /**
   * Where deadlines get their working calendar: the catalog's province calendar
   * (holidays as announced), or fixed Monday–Friday hours with no holidays for a
   * default-profile run without it.
   */
  DOSSIER_CALENDAR_SOURCE: z.enum(['catalog', 'default-profile']).default('catalog'),
  /** How often each replica looks for dossiers nearing or past their due instant; 0 turns the timer off. */
  DOSSIER_DEADLINE_CHECK_MS: z.coerce.number().int().min(0).default(60_000),
  /** "Sắp đến hạn" this many office hours before the due instant (one working day by default). */
  DOSSIER_DUE_SOON_WORKING_HOURS: z.coerce.number().positive().max(200).default(8),
});

export type DossierConfig = BaseConfig & z.infer<typeof dossierConfigSchema>;
