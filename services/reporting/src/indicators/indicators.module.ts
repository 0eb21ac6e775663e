import { Module } from '@nestjs/common';
import { GetReportFreshness } from '../freshness/get-report-freshness';
import { ProcedureCatalog } from '../procedures/procedure-catalog';
import { ProcedureEventHandlers } from '../procedures/procedure-events.handlers';
import { RecordProcedureEvent } from '../procedures/record-procedure-event';
import { GetSatisfaction } from '../satisfaction/get-satisfaction';
import { SatisfactionHandlers } from '../satisfaction/satisfaction.handlers';
import { GetStaffingTable } from '../staffing/get-staffing-table';
import { RecordStaffingEvent } from '../staffing/record-staffing-event';
import { StaffingEventHandlers } from '../staffing/staffing-events.handlers';
import { StaffingHandlers } from '../staffing/staffing.handlers';
import { ResolveReportScope } from '../units/report-scope';
import { GetIndicators } from './get-indicators';
import { IndicatorsHandlers } from './indicators.handlers';

/**
 * The QĐ 766 indicators, the satisfaction report and the staffing table of the
 * one-stop centres, with the read models only they use: the catalog's
 * procedures and adoptions, and the staff accounts with their grants.
 */
@Module({
  controllers: [IndicatorsHandlers, SatisfactionHandlers, StaffingHandlers, StaffingEventHandlers, ProcedureEventHandlers],
  providers: [
    GetIndicators,
    GetSatisfaction,
    GetStaffingTable,
    RecordStaffingEvent,
    RecordProcedureEvent,
    ProcedureCatalog,
    // Stateless, shared with the other reports: the same scope rules and freshness for every report.
    ResolveReportScope,
    GetReportFreshness,
  ],
  // The report queries, for the exports to render.
  exports: [GetIndicators, GetSatisfaction, GetStaffingTable],
})
export class IndicatorsModule {}
