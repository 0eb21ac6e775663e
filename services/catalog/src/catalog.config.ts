import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const catalogConfigSchema = z.object({
  /** When set, the procedures in this file are published at start if missing (default profile only). */
  DEMO_CATALOG_FILE: z.string().optional(),
});

export type CatalogConfig = BaseConfig & z.infer<typeof catalogConfigSchema>;
