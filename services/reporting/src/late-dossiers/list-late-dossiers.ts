import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LateDossierLine, LateDossiers, LateDossiersRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { formatVietnamDateTime } from '@mc/working-calendar';
import { CLOCK, judgedAt, type Clock } from '../clock';
import type { DossierFact } from '../read-models/dossier-fact';
import { GetReportFreshness } from '../read-models/get-report-freshness';
import { DEFAULT_PAGE, ResolveReportScope, unitsInScope } from '../read-models/report-scope';
import { lateReason } from './late-reason';

interface Line {
  code: string;
  applicant_name: string;
  procedure_name: string;
  competent_unit_code: string;
  received_at: Date;
  due_at: Date;
  finished_at: Date | null;
  supplement_requests: number;
  late_for_reporting: boolean;
  apologies: DossierFact['apologies'];
}

/**
 * The late dossiers of a unit's subtree for a period: those finished late in
 * it, and those still open and past due at its end (or now, while it has not
 * ended), with the apology letters sent to the applicants (NĐ 61/2018
 * Art. 12) and why each one counts as late.
 */
@Injectable()
export class ListLateDossiers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resolveScope: ResolveReportScope,
    private readonly freshness: GetReportFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(request: LateDossiersRequest, principal: Principal): Promise<LateDossiers> {
    const scope = await this.resolveScope.execute(request, principal);
    const offset = request.offset ?? 0;
    const limit = request.limit ?? DEFAULT_PAGE;
    const units = unitsInScope(scope, 1);
    const judged = judgedAt(scope.end, this.clock.now());
    const late = `
      SELECT f.* FROM dossier_facts f
       WHERE f.outcome = 'late' AND f.finished_at >= $2 AND f.finished_at < $3 AND f.competent_unit_code IN (${units.sql})
      UNION ALL
      SELECT f.* FROM dossier_facts f
       WHERE f.open_range @> $4::timestamptz AND f.due_at < $4 AND f.competent_unit_code IN (${units.sql})`;
    const params = [units.value, scope.start, scope.end, judged];
    const [[{ total }], lines, freshness] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS total FROM (${late}) l`, params) as Promise<{ total: number }[]>,
      this.dataSource.query(
        `SELECT code, applicant_name, procedure_name, competent_unit_code, received_at, due_at, finished_at,
                supplement_requests, late_for_reporting, apologies
           FROM (${late}) l ORDER BY due_at, code OFFSET $5 LIMIT $6`,
        [...params, offset, limit],
      ) as Promise<Line[]>,
      this.freshness.execute(),
    ]);
    return {
      title: `Danh sách hồ sơ quá hạn — ${scope.unit.name}`,
      unit: { code: scope.unit.code, name: scope.unit.name },
      fromDisplay: scope.fromDisplay,
      toDisplay: scope.toDisplay,
      total,
      lines: lines.map(
        (line): LateDossierLine => ({
          code: line.code,
          applicantName: line.applicant_name,
          procedureName: line.procedure_name,
          competentUnitCode: line.competent_unit_code,
          receivedAtDisplay: formatVietnamDateTime(line.received_at),
          dueAtDisplay: formatVietnamDateTime(line.due_at),
          finishedAtDisplay: line.finished_at ? formatVietnamDateTime(line.finished_at) : null,
          lateReason: lateReason({
            dueAt: line.due_at,
            finishedAt: line.finished_at,
            supplementRequests: line.supplement_requests,
            lateForReporting: line.late_for_reporting,
            judgedAt: judged,
          }),
          apologies: line.apologies.map((apology) => ({
            newDueAtDisplay: formatVietnamDateTime(apology.newDueAt),
            reason: apology.reason,
            signer: apology.signer,
            signedAtDisplay: formatVietnamDateTime(apology.at),
          })),
        }),
      ),
      freshness,
    };
  }
}
