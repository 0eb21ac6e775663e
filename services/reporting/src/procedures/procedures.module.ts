import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ProcedureEventHandlers } from './procedure-events.handlers';
import { RecordProcedureEvent } from './record-procedure-event';

/** Keeps the read model of the catalog's procedures and each unit's adoptions from the catalog's events. */
@Module({
  imports: [ReadModelsModule],
  controllers: [ProcedureEventHandlers],
  providers: [RecordProcedureEvent],
})
export class ProceduresModule {}
