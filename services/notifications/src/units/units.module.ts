import { UnitReadModelModule } from '@mc/messaging/unit-read-model';

/** Unit names from identity's events, to tell a citizen where to go. */
export const UnitsModule = UnitReadModelModule.keptIn({
  table: 'known_units',
  columns: { name: (unit) => unit.name },
});
