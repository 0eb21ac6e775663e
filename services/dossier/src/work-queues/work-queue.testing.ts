import { Module, type Type } from '@nestjs/common';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { CLOCK, type Clock } from '../clock';
import type { dossierConfigSchema } from '../dossier.config';
import { dossierService } from '../dossier.service';
import { CountWorkQueues } from './count-work-queues';
import { ListWorkQueue } from './list-work-queue';
import { AddWorkQueueIndexes1763802000000 } from './migrations/1763802000000-add-work-queue-indexes';
import { WorkQueueHandlers } from './work-queue.handlers';

/**
 * The dossier service reduced to its work queues, with the queues' migration,
 * for the tests and the benchmark until the service's own module wires them in.
 */
export function workQueueServiceForTests(clock: Clock): BusServiceDefinition<typeof dossierConfigSchema> {
  @Module({
    controllers: [WorkQueueHandlers],
    providers: [ListWorkQueue, CountWorkQueues, { provide: CLOCK, useValue: clock }],
  })
  class WorkQueueTestModule {}
  const module: Type<unknown> = WorkQueueTestModule;
  // Once dossier.service.ts lists the migration, it must not run twice.
  const existing = Object.values(dossierService.migrations);
  const migrations = existing.includes(AddWorkQueueIndexes1763802000000) ? existing : [...existing, AddWorkQueueIndexes1763802000000];
  return { ...dossierService, module, migrations };
}
