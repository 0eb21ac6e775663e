import 'reflect-metadata';
import { runBusService } from '@mc/service-runtime';
import { catalogService } from './catalog.service';

runBusService(catalogService);
