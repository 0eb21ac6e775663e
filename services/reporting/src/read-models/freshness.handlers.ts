import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern } from '@nestjs/microservices';
import { ReportingSubjects } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetReportFreshness } from './get-report-freshness';

@Controller()
export class FreshnessHandlers {
  constructor(private readonly getReportFreshness: GetReportFreshness) {}

  @MessagePattern(ReportingSubjects.freshness)
  get(@Ctx() context: BusContext) {
    // Anyone signed in may ask how current the figures are; it reveals no figure.
    context.requirePrincipal();
    return this.getReportFreshness.execute();
  }
}
