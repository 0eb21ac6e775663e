import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SatisfactionReport } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { GetReportFreshness } from '../read-models/get-report-freshness';
import { ResolveReportScope, unitCodesOf, type ScopeRequest } from '../read-models/report-scope';
import { criteriaTable } from './satisfaction-counts';

export const SATISFACTION_TITLE = 'Kết quả đánh giá mức độ hài lòng của người dân, doanh nghiệp đối với việc giải quyết thủ tục hành chính';

/**
 * The ratings given in a period (by the day they were given, in Vietnam) to the
 * dossiers of a unit and the units under it (by competent unit), per criterion
 * of the evaluation form and level.
 */
@Injectable()
export class GetSatisfaction {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ResolveReportScope,
    private readonly reportFreshness: GetReportFreshness,
  ) {}

  async execute(request: ScopeRequest, principal: Principal): Promise<SatisfactionReport> {
    const scope = await this.scopes.execute(request, principal);
    const codes = await unitCodesOf(this.dataSource, scope);
    const params = [codes, scope.start, scope.end];
    const [[totals], counts, freshness] = await Promise.all([
      this.dataSource.query(
        `SELECT COUNT(*)::bigint AS ratings, COUNT(*) FILTER (WHERE dissatisfied)::bigint AS dissatisfied
           FROM ratings WHERE unit_code = ANY($1) AND rated_at >= $2 AND rated_at < $3`,
        params,
      ) as Promise<{ ratings: string; dissatisfied: string }[]>,
      this.dataSource.query(
        `SELECT score.key AS criterion, score.value AS level, COUNT(*)::bigint AS count
           FROM ratings, jsonb_each_text(ratings.scores) AS score
          WHERE unit_code = ANY($1) AND rated_at >= $2 AND rated_at < $3
          GROUP BY score.key, score.value`,
        params,
      ) as Promise<{ criterion: string; level: string; count: string }[]>,
      this.reportFreshness.execute(),
    ]);
    return {
      title: SATISFACTION_TITLE,
      unit: { code: scope.unit.code, name: scope.unit.name },
      fromDisplay: scope.fromDisplay,
      toDisplay: scope.toDisplay,
      ratings: Number(totals?.ratings ?? 0),
      dissatisfied: Number(totals?.dissatisfied ?? 0),
      criteria: criteriaTable(counts.map((row) => ({ criterion: row.criterion, level: row.level, count: Number(row.count) }))),
      freshness,
    };
  }
}
