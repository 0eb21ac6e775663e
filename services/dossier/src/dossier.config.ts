import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const dossierConfigSchema = z.object({
  /**
   * Where deadlines get their working calendar: the catalog's province calendar
   * (holidays as announced), or fixed Monday–Friday hours with no holidays for a
   * default-profile run without it.
   */
  DOSSIER_CALENDAR_SOURCE: z.enum(['catalog', 'default-profile']).default('catalog'),
});

export type DossierConfig = BaseConfig & z.infer<typeof dossierConfigSchema>;
