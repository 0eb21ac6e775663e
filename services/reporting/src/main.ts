import 'reflect-metadata';
import { runBusService } from '@mc/service-runtime';
import { reportingService } from './reporting.service';

runBusService(reportingService);
