// Not in the package barrel: the consumer loads TypeORM, which the gateway (a user of the barrel) must not.
export { UnitReadModelModule } from './unit-read-model.module';
export type { UnitTable, UnitEventData } from './unit-table';
