export { reportingService } from './reporting.service';
// What load-tests/benchmarks drive directly, past the bus.
export { systemClock } from './clock';
export { GetReportFreshness } from './read-models/get-report-freshness';
export { DAILY_COUNTERS } from './read-models/dossier-fact';
export { GetTimelinessReport } from './timeliness/get-timeliness-report';
export { ResolveReportScope } from './read-models/report-scope';
