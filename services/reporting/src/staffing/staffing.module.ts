import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { GetStaffingTable } from './get-staffing-table';
import { RecordStaffingEvent } from './record-staffing-event';
import { StaffingEventHandlers } from './staffing-events.handlers';
import { StaffingHandlers } from './staffing.handlers';

/** The staffing table of the one-stop centres, with its read model of staff accounts and their grants. */
@Module({
  imports: [ReadModelsModule],
  controllers: [StaffingHandlers, StaffingEventHandlers],
  providers: [GetStaffingTable, RecordStaffingEvent],
  exports: [GetStaffingTable],
})
export class StaffingModule {}
