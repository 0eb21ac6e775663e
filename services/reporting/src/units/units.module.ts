import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { RecordUnit } from './record-unit';
import { UnitHandlers } from './unit.handlers';

/** Keeps the unit tree every report's scope is resolved against. */
@Module({
  imports: [ReadModelsModule],
  controllers: [UnitHandlers],
  providers: [RecordUnit],
})
export class UnitsModule {}
