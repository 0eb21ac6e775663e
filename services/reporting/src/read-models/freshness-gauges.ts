import type { INestApplicationContext } from '@nestjs/common';
import { observeGauge } from '@mc/observability';
import { GetReportFreshness } from './get-report-freshness';

/** How far the reports are behind the dossiers, for the lag alert: the same figures every report carries. */
export function observeReportFreshness(app: INestApplicationContext): void {
  const freshness = app.get(GetReportFreshness);
  observeGauge('mc_projection_pending_events', { description: 'Dossier events the reporting projection has not applied yet' }, async () => [
    { value: (await freshness.execute()).pendingEvents },
  ]);
  observeGauge('mc_projection_lag_seconds', { description: 'Age of the newest applied event while events are pending', unit: 's' }, async () => [
    { value: (await freshness.execute()).lagMs / 1000 },
  ]);
}
