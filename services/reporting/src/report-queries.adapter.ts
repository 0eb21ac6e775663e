import { Injectable } from '@nestjs/common';
import type { Principal } from '@mc/auth';
import type { IndicatorsRequest, LateDossiersRequest, ReportTrackingBookRequest, StaffingRequest, TimelinessRequest } from '@mc/contracts';
import type { ReportQueries, SatisfactionRequest } from './exports/report-queries';
import { GetIndicators } from './indicators/get-indicators';
import { ListLateDossiers } from './late-dossiers/list-late-dossiers';
import { GetSatisfaction } from './satisfaction/get-satisfaction';
import { GetStaffingTable } from './staffing/get-staffing-table';
import { GetTimelinessReport } from './timeliness/get-timeliness-report';
import { GetReportTrackingBook } from './tracking-book/get-report-tracking-book';

/** The exports render the same replies the report queries give, with the same authorisation. */
@Injectable()
export class ReportQueriesAdapter implements ReportQueries {
  constructor(
    private readonly timelinessReport: GetTimelinessReport,
    private readonly trackingBookReport: GetReportTrackingBook,
    private readonly lateDossierList: ListLateDossiers,
    private readonly indicatorsReport: GetIndicators,
    private readonly satisfactionReport: GetSatisfaction,
    private readonly staffingTable: GetStaffingTable,
  ) {}

  timeliness(params: TimelinessRequest, principal: Principal) {
    return this.timelinessReport.execute(params, principal);
  }
  trackingBook(params: ReportTrackingBookRequest, principal: Principal) {
    return this.trackingBookReport.execute(params, principal);
  }
  lateDossiers(params: LateDossiersRequest, principal: Principal) {
    return this.lateDossierList.execute(params, principal);
  }
  indicators(params: IndicatorsRequest, principal: Principal) {
    return this.indicatorsReport.execute(params, principal);
  }
  satisfaction(params: SatisfactionRequest, principal: Principal) {
    return this.satisfactionReport.execute(params, principal);
  }
  staffing(params: StaffingRequest, principal: Principal) {
    return this.staffingTable.execute(params, principal);
  }
}
