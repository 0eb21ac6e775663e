import 'reflect-metadata';
import { migrateBusService } from '@mc/service-runtime';
import { catalogService } from './catalog.service';

migrateBusService(catalogService).catch((error) => {
  process.stderr.write(`catalog: ${error.message}\n`);
  process.exit(1);
});
