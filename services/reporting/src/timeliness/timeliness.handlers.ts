import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { parseInput, ReportingSubjects, timelinessRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetTimelinessReport } from './get-timeliness-report';

@Controller()
export class TimelinessHandlers {
  constructor(private readonly getTimelinessReport: GetTimelinessReport) {}

  @MessagePattern(ReportingSubjects.timeliness)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getTimelinessReport.execute(parseInput(timelinessRequestSchema, payload), context.requirePrincipal());
  }
}
