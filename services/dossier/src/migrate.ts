import 'reflect-metadata';
import { migrateBusService } from '@mc/service-runtime';
import { dossierService } from './dossier.service';

migrateBusService(dossierService).catch((error) => {
  process.stderr.write(`dossier: ${error.message}\n`);
  process.exit(1);
});
