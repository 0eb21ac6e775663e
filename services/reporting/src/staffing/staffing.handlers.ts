import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { parseInput, ReportingSubjects, staffingRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetStaffingTable } from './get-staffing-table';

@Controller()
export class StaffingHandlers {
  constructor(private readonly getStaffingTable: GetStaffingTable) {}

  @MessagePattern(ReportingSubjects.staffing)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getStaffingTable.execute(parseInput(staffingRequestSchema, payload), context.requirePrincipal());
  }
}
