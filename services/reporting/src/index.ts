export { reportingService } from './reporting.service';
// What load-tests/benchmarks drive directly, past the bus.
export { systemClock } from './clock';
export { GetReportFreshness } from './freshness/get-report-freshness';
export { DAILY_COUNTERS } from './projection/dossier-fact';
export { GetTimelinessReport } from './timeliness/get-timeliness-report';
export { ResolveReportScope } from './units/report-scope';
