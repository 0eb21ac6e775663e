import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { exportReportRequestSchema, parseInput, ReportingSubjects } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ExportReport } from './export-report';

@Controller()
export class ExportHandlers {
  constructor(private readonly exportReport: ExportReport) {}

  @MessagePattern(ReportingSubjects.export)
  export(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const request = parseInput(exportReportRequestSchema, payload);
    return this.exportReport.execute(request, context.requirePrincipal());
  }
}
