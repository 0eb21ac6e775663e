export { UnitReadModelModule } from './unit-read-model.module';
export type { UnitTable, UnitEventData } from './unit-table';
