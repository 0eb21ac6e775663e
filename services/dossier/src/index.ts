export { dossierService } from './dossier.service';
export { createDossierModule, type DossierAdapters } from './dossier.module';
export { PROCEDURE_CATALOG, type ProcedureCatalog } from './adapters/procedure-catalog';
export { CALENDAR_SOURCE, type CalendarSource } from './adapters/calendar-source';
export { CLOCK, type Clock } from './clock';
export { ReadModelFreshness } from './read-models/read-model-freshness';
