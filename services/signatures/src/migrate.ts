import 'reflect-metadata';
import { migrateBusService } from '@mc/service-runtime';
import { signaturesService } from './signatures.service';

migrateBusService(signaturesService).catch((error) => {
  process.stderr.write(`signatures: ${error.message}\n`);
  process.exit(1);
});
