import { Module } from '@nestjs/common';
import { FreshnessHandlers } from './freshness.handlers';
import { GetReportFreshness } from './get-report-freshness';
import { ProcedureCatalog } from './procedure-catalog';
import { ResolveReportScope } from './report-scope';

/**
 * What every report reads through: the scope a caller may ask about, the
 * freshness of the read models (also answered on its own) and the catalog's
 * procedures. Feature modules import it; it imports none of them.
 */
@Module({
  controllers: [FreshnessHandlers],
  providers: [GetReportFreshness, ProcedureCatalog, ResolveReportScope],
  exports: [ResolveReportScope, GetReportFreshness, ProcedureCatalog],
})
export class ReadModelsModule {}
