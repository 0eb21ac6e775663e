import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const catalogConfigSchema = z.object({
  /** When set, the procedures in this file are published at start if missing (default profile only). */
  DEMO_CATALOG_FILE: z.string().optional(),
  /** When set, the days off of the years in this file are entered at start where a year has none (default profile only). */
  DEMO_CALENDAR_FILE: z.string().optional(),
});

export type CatalogConfig = BaseConfig & z.infer<typeof catalogConfigSchema>;
