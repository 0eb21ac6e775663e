import 'reflect-metadata';
import { migrateBusService } from '@mc/service-runtime';
import { postalService } from './postal.service';

migrateBusService(postalService).catch((error) => {
  process.stderr.write(`postal: ${error.message}\n`);
  process.exit(1);
});
