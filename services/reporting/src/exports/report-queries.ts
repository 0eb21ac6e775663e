import type { z } from 'zod';
import type {
  IndicatorsReport,
  IndicatorsRequest,
  LateDossiers,
  LateDossiersRequest,
  ReportTrackingBook,
  ReportTrackingBookRequest,
  SatisfactionReport,
  satisfactionRequestSchema,
  StaffingRequest,
  StaffingTable,
  TimelinessReport,
  TimelinessRequest,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';

export type SatisfactionRequest = z.infer<typeof satisfactionRequestSchema>;

/**
 * The reports the exports render, as the reporting service's own queries
 * answer them: each method takes the parameters already parsed with the
 * report's request schema and checks the principal's scope itself.
 */
export interface ReportQueries {
  timeliness(params: TimelinessRequest, principal: Principal): Promise<TimelinessReport>;
  trackingBook(params: ReportTrackingBookRequest, principal: Principal): Promise<ReportTrackingBook>;
  lateDossiers(params: LateDossiersRequest, principal: Principal): Promise<LateDossiers>;
  indicators(params: IndicatorsRequest, principal: Principal): Promise<IndicatorsReport>;
  satisfaction(params: SatisfactionRequest, principal: Principal): Promise<SatisfactionReport>;
  staffing(params: StaffingRequest, principal: Principal): Promise<StaffingTable>;
}

/** Nest token of the {@link ReportQueries} the exports use. */
export const REPORT_QUERIES = 'REPORT_QUERIES';
