import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { adoptionChangedV1, procedurePublishedV1, procedureWithdrawnV1, type IndicatorsReport, type IndicatorsRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Bus } from '@mc/messaging';
import { CLOCK, systemClock, type Clock } from '../clock';
import { GetReportFreshness } from '../read-models/get-report-freshness';
import { ProcedureCatalog } from '../read-models/procedure-catalog';
import { ResolveReportScope, unitCodesOf } from '../read-models/report-scope';
import { pendingOnSubjects } from '../read-models/consumer-freshness';
import { evaluateIndicators } from './indicator-definitions';
import { loadIndicatorInputs } from './load-indicator-inputs';

export const INDICATORS_TITLE = 'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định số 766/QĐ-TTg)';

const CATALOG_SUBJECTS = [procedurePublishedV1.subject, procedureWithdrawnV1.subject, adoptionChangedV1.subject];

/** The QĐ 766 indicators of a unit (and the units under it) over a period of days. */
@Injectable()
export class GetIndicators {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: Bus,
    private readonly scopes: ResolveReportScope,
    private readonly reportFreshness: GetReportFreshness,
    private readonly catalog: ProcedureCatalog,
    // Optional: the quality reports also run on their own, without the service's clock.
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async execute(request: IndicatorsRequest, principal: Principal, now = this.clock.now()): Promise<IndicatorsReport> {
    const scope = await this.scopes.execute(request, principal);
    const codes = await unitCodesOf(this.dataSource, scope);
    const inputs = await loadIndicatorInputs(this.dataSource, this.catalog, codes, scope, now);
    const [dossiers, catalogPending] = await Promise.all([this.reportFreshness.execute(), pendingOnSubjects(this.bus, CATALOG_SUBJECTS)]);
    return {
      title: INDICATORS_TITLE,
      unit: { code: scope.unit.code, name: scope.unit.name },
      fromDisplay: scope.fromDisplay,
      toDisplay: scope.toDisplay,
      indicators: evaluateIndicators(inputs),
      // The dossier projection's freshness, counting the catalog events not applied yet as pending too.
      freshness: { ...dossiers, pendingEvents: dossiers.pendingEvents + catalogPending },
    };
  }
}
