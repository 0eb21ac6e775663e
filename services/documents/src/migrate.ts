import 'reflect-metadata';
import { migrateBusService } from '@mc/service-runtime';
import { documentsService } from './documents.service';

migrateBusService(documentsService).catch((error) => {
  process.stderr.write(`documents: ${error.message}\n`);
  process.exit(1);
});
