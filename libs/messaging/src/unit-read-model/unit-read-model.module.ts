import { Module, type DynamicModule } from '@nestjs/common';
import { RecordUnit } from './record-unit';
import { UNIT_TABLE, type UnitTable } from './unit-table';
import { UnitHandlers } from './unit.handlers';

/** Keeps a service's copy of the unit tree from identity's unit events, in the service's own table. */
@Module({})
export class UnitReadModelModule {
  static keptIn(units: UnitTable): DynamicModule {
    return { module: UnitReadModelModule, controllers: [UnitHandlers], providers: [{ provide: UNIT_TABLE, useValue: units }, RecordUnit] };
  }
}
