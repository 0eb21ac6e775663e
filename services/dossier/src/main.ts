import 'reflect-metadata';
import { runBusService } from '@mc/service-runtime';
import { dossierService } from './dossier.service';

runBusService(dossierService);
