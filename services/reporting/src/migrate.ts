import 'reflect-metadata';
import { migrateBusService } from '@mc/service-runtime';
import { reportingService } from './reporting.service';

migrateBusService(reportingService).catch((error) => {
  process.stderr.write(`reporting: ${error.message}\n`);
  process.exit(1);
});
