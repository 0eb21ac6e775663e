import 'reflect-metadata';
import { migrateBusService } from '@mc/service-runtime';
import { identityService } from './identity.service';

migrateBusService(identityService).catch((error) => {
  process.stderr.write(`identity: ${error.message}\n`);
  process.exit(1);
});
