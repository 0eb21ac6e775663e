export { dossierService } from './dossier.service';
export { createDossierModule, type DossierAdapters } from './dossier.module';
export { PROCEDURE_CATALOG, type ProcedureCatalog } from './adapters/procedure-catalog';
export { CALENDAR_SOURCE, type CalendarSource } from './adapters/calendar-source';
export { CLOCK, type Clock } from './clock';
export { ReadModelFreshness } from './read-models/read-model-freshness';
// What load-tests/benchmarks drive directly, past the bus.
export { systemClock } from './clock';
export { CountWorkQueues } from './work-queues/count-work-queues';
export { ListWorkQueue } from './work-queues/list-work-queue';
export { workQueueServiceForTests } from './work-queues/work-queue.testing';
