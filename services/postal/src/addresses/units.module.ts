import { UnitReadModelModule } from '@mc/messaging/unit-read-model';

/** The postal service's copy of the unit tree, for checking and mapping addresses. */
export const UnitsModule = UnitReadModelModule.keptIn({
  table: 'known_units',
  inboxConsumer: 'postal.units',
  columns: {
    name: (unit) => unit.name,
    kind: (unit) => unit.kind,
    parent_code: (unit) => unit.parentCode,
    valid_to: (unit) => unit.validTo,
    // An event without it leaves the units a unit was formed from as they were.
    formed_from: (unit) => unit.formedFrom,
  },
});
