import 'reflect-metadata';
import { runBusService } from '@mc/service-runtime';
import { signaturesService } from './signatures.service';

runBusService(signaturesService);
