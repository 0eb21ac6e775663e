import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { Adoption } from './adoptions/adoption.entity';
import { CALENDAR_MIGRATIONS, LoadDemoCalendar } from './calendar';
import { catalogConfigSchema, type CatalogConfig } from './catalog.config';
import { CatalogModule } from './catalog.module';
import { CreateProcedureCatalog1763800200000 } from './migrations/1763800200000-create-procedure-catalog';
import { LoadDemoCatalog } from './procedures/load-demo-catalog';
import { Procedure } from './procedures/procedure.entity';
import { ProcedureVersion } from './procedures/procedure-version.entity';

export const catalogService: BusServiceDefinition<typeof catalogConfigSchema> = {
  service: 'catalog',
  module: CatalogModule,
  entities: [Procedure, ProcedureVersion, Adoption],
  migrations: [CreateOutboxAndInbox1763800000000, CreateProcedureCatalog1763800200000, ...CALENDAR_MIGRATIONS],
  config: catalogConfigSchema,
  async onStarted({ app, config, logger }) {
    const { DEMO_CATALOG_FILE, DEMO_CALENDAR_FILE } = config as CatalogConfig;
    if (DEMO_CATALOG_FILE) {
      const created = await app.get(LoadDemoCatalog).execute(DEMO_CATALOG_FILE);
      logger.info({ created, file: DEMO_CATALOG_FILE }, 'demo catalogue loaded');
    }
    if (DEMO_CALENDAR_FILE) {
      const years = await app.get(LoadDemoCalendar).execute(DEMO_CALENDAR_FILE);
      logger.info({ years, file: DEMO_CALENDAR_FILE }, 'demo days off loaded');
    }
  },
};
