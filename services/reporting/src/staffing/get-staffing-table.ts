import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffingRequest, StaffingTable } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Bus } from '@mc/messaging';
import { vietnamDate } from '@mc/working-calendar';
import { CLOCK, systemClock, type Clock } from '../clock';
import { freshness, pendingOnSubjects } from '../read-models/consumer-freshness';
import { ResolveReportScope } from '../read-models/report-scope';
import { STAFFING_SUBJECTS } from './staffing-events.handlers';
import { ADMINISTRATIVE_KINDS, staffingLines, type CentreStaffer, type CentreUnit } from './staffing-lines';

export const STAFFING_TITLE = 'Tổng số cán bộ, công chức, viên chức làm việc tại Bộ phận Một cửa các cấp';

/*
 * Who works at a unit's one-stop centre (Bộ phận Một cửa): the enabled staff
 * accounts holding a `clerk` grant in that unit or in a unit under it that has
 * no centre of its own (its service centre, its offices). The clerk is the role
 * that receives dossiers and returns results at the counter (tiếp nhận và trả
 * kết quả), which is the work of the centre's staff; specialists, leaders and
 * clerical staff handle dossiers in the departments behind it, and a disabled
 * account no longer works anywhere. "Own" staff are those employed by the unit
 * (employment 'own': thuộc biên chế hoặc biệt phái của Bộ phận Một cửa);
 * "seconded" those sent by specialist agencies (employment 'seconded': do các
 * cơ quan chuyên môn cử đến).
 */
const CENTRE_STAFF = `
  SELECT DISTINCT a.account_id, a.employment, u.path AS grant_path
    FROM staffing_grants g
    JOIN staffing_accounts a ON a.account_id = g.account_id
    JOIN units u ON u.code = g.unit_code
   WHERE g.role = 'clerk' AND NOT g.revoked AND a.kind = 'staff' AND NOT a.disabled
     AND u.path LIKE $1 || '%'`;

/** Centres: the administrative units of the subtree; those dissolved by today show only while staffed. */
const CENTRES = `
  SELECT code, name, path, (valid_to IS NULL OR valid_to::date >= $3::date) AS is_current FROM units
   WHERE path LIKE $1 || '%' AND kind = ANY($2)`;

@Injectable()
export class GetStaffingTable {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: Bus,
    private readonly scopes: ResolveReportScope,
    // Optional: the quality reports also run on their own, without the service's clock.
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async execute(request: StaffingRequest, principal: Principal): Promise<StaffingTable> {
    const now = this.clock.now();
    const today = vietnamDate(now);
    // The table is as of today: the scope's period is that one day, only its unit and authorization matter.
    const { unit } = await this.scopes.execute({ unitCode: request.unitCode, from: today, to: today }, principal);
    const prefix = unit.path.replace(/[\\%_]/g, (character) => `\\${character}`);
    const [centreRows, staffRows] = await Promise.all([
      this.dataSource.query(CENTRES, [prefix, ADMINISTRATIVE_KINDS, today]) as Promise<(Omit<CentreUnit, 'current'> & { is_current: boolean })[]>,
      this.dataSource.query(CENTRE_STAFF, [prefix]) as Promise<{ account_id: string; employment: CentreStaffer['employment']; grant_path: string }[]>,
    ]);
    const staffers: CentreStaffer[] = staffRows.map((row) => ({ accountId: row.account_id, employment: row.employment, grantPath: row.grant_path }));
    // The unit asked for always has a line, whatever its kind.
    const found: CentreUnit[] = centreRows.map((row) => ({ code: row.code, name: row.name, path: row.path, current: row.is_current || row.code === unit.code }));
    const centres = found.some((row) => row.code === unit.code) ? found : [{ ...unit, current: true }, ...found];
    let { lines, total } = staffingLines(centres, staffers);
    if (request.includeSubunits === false) {
      // Only the unit's own centre; the clerks of the centres below it stay theirs.
      const own = lines.find((line) => line.unitCode === unit.code);
      lines = own ? [{ ...own, number: 1 }] : [];
      total = { total: own?.total ?? 0, own: own?.own ?? 0, seconded: own?.seconded ?? 0 };
    }
    return {
      title: STAFFING_TITLE,
      unit: { code: unit.code, name: unit.name },
      lines,
      total,
      freshness: await this.freshness(now),
    };
  }

  private async freshness(now: Date) {
    const pending = await pendingOnSubjects(this.bus, STAFFING_SUBJECTS);
    const [row] = (await this.dataSource.query(
      `SELECT GREATEST((SELECT MAX(source_event_at) FROM staffing_accounts), (SELECT MAX(source_event_at) FROM staffing_grants)) AS last_event_at`,
    )) as { last_event_at: Date | null }[];
    return freshness(pending, row?.last_event_at ?? null, now);
  }
}
