import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportTrackingBook, ReportTrackingBookLine, ReportTrackingBookRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { formatVietnamDateTime } from '@mc/working-calendar';
import { GetReportFreshness } from '../read-models/get-report-freshness';
import { OUTCOME_LABELS, type Outcome } from '../read-models/outcome';
import { DEFAULT_PAGE, ResolveReportScope, unitsInScope } from '../read-models/report-scope';

interface Line {
  code: string;
  applicant_name: string;
  procedure_name: string;
  receiving_unit_code: string;
  competent_unit_code: string;
  channel_code: number;
  received_at: Date;
  due_at: Date;
  finished_at: Date | null;
  outcome: Outcome | null;
}

/**
 * The tracking book (sổ theo dõi hồ sơ) of a unit over a period: every dossier
 * received in it that the unit (or a unit under it) received or handles, in
 * the order received, numbered from 1 across pages.
 */
@Injectable()
export class GetReportTrackingBook {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resolveScope: ResolveReportScope,
    private readonly freshness: GetReportFreshness,
  ) {}

  async execute(request: ReportTrackingBookRequest, principal: Principal): Promise<ReportTrackingBook> {
    const scope = await this.resolveScope.execute(request, principal);
    const offset = request.offset ?? 0;
    const limit = request.limit ?? DEFAULT_PAGE;
    const units = unitsInScope(scope, 1);
    const where = `f.received_at >= $2 AND f.received_at < $3
      AND (f.receiving_unit_code IN (${units.sql}) OR f.competent_unit_code IN (${units.sql}))`;
    const params = [units.value, scope.start, scope.end];
    const [[{ total }], lines, freshness] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS total FROM dossier_facts f WHERE ${where}`, params) as Promise<{ total: number }[]>,
      this.dataSource.query(
        `SELECT code, applicant_name, procedure_name, receiving_unit_code, competent_unit_code, channel_code,
                received_at, due_at, finished_at, outcome
           FROM dossier_facts f WHERE ${where}
          ORDER BY f.received_at, f.code OFFSET $4 LIMIT $5`,
        [...params, offset, limit],
      ) as Promise<Line[]>,
      this.freshness.execute(),
    ]);
    return {
      title: `Sổ theo dõi hồ sơ — ${scope.unit.name}`,
      unit: { code: scope.unit.code, name: scope.unit.name },
      fromDisplay: scope.fromDisplay,
      toDisplay: scope.toDisplay,
      total,
      lines: lines.map(
        (line, index): ReportTrackingBookLine => ({
          number: offset + index + 1,
          code: line.code,
          applicantName: line.applicant_name,
          procedureName: line.procedure_name,
          receivingUnitCode: line.receiving_unit_code,
          competentUnitCode: line.competent_unit_code,
          channelCode: line.channel_code,
          receivedAtDisplay: formatVietnamDateTime(line.received_at),
          dueAtDisplay: formatVietnamDateTime(line.due_at),
          finishedAtDisplay: line.finished_at ? formatVietnamDateTime(line.finished_at) : null,
          outcomeLabel: line.outcome ? OUTCOME_LABELS[line.outcome] : null,
        }),
      ),
      freshness,
    };
  }
}
