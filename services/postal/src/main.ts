import 'reflect-metadata';
import { runBusService } from '@mc/service-runtime';
import { postalService } from './postal.service';

runBusService(postalService);
