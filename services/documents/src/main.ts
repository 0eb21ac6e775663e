import 'reflect-metadata';
import { runBusService } from '@mc/service-runtime';
import { documentsService } from './documents.service';

runBusService(documentsService);
