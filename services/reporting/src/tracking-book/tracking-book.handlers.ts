import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { parseInput, reportTrackingBookRequestSchema, ReportingSubjects } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetReportTrackingBook } from './get-report-tracking-book';

@Controller()
export class TrackingBookHandlers {
  constructor(private readonly getReportTrackingBook: GetReportTrackingBook) {}

  @MessagePattern(ReportingSubjects.trackingBook)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getReportTrackingBook.execute(parseInput(reportTrackingBookRequestSchema, payload), context.requirePrincipal());
  }
}
