import { UnitReadModelModule } from '@mc/messaging/unit-read-model';

/** Keeps the unit tree every report's scope is resolved against: names for the rows and paths for subtree roll-ups. */
export const UnitsModule = UnitReadModelModule.keptIn({
  table: 'units',
  inboxConsumer: 'reporting.units',
  columns: {
    name: (unit) => unit.name,
    kind: (unit) => unit.kind,
    parent_code: (unit) => unit.parentCode,
    path: (unit) => unit.path,
    valid_to: (unit) => unit.validTo,
  },
});
