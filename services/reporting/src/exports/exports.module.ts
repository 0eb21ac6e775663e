import { Module } from '@nestjs/common';
import { ExportHandlers } from './export.handlers';
import { ExportReport } from './export-report';

/**
 * Exports of every report (Excel, PDF). The reports themselves come through
 * the `REPORT_QUERIES` provider ({@link ReportQueries}), bound where the
 * report queries live; until it is bound an export answers SERVICE_UNAVAILABLE.
 */
@Module({
  controllers: [ExportHandlers],
  providers: [ExportReport],
})
export class ExportsModule {}
