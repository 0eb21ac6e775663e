import 'reflect-metadata';
import { runBusService } from '@mc/service-runtime';
import { identityService } from './identity.service';

runBusService(identityService);
