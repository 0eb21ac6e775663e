import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, MAX_REPORT_DAYS } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { startOfVietnamDay } from '@mc/working-calendar';
import { daysBetween, displayDay, nextDay } from './days';

/** Lines a report list gives at once when the caller names no limit. */
export const DEFAULT_PAGE = 500;

export interface ReportUnit {
  code: string;
  name: string;
  path: string;
}

/** What every report is asked about, checked once: the unit the caller may read and a sensible period. */
export interface ReportScope {
  unit: ReportUnit;
  /** Whole subtree (path prefix) or the unit alone. */
  includeSubunits: boolean;
  from: string;
  to: string;
  fromDisplay: string;
  toDisplay: string;
  /** 00:00 in Vietnam on `from`. */
  start: Date;
  /** 00:00 in Vietnam on the day after `to`: the period is [start, end). */
  end: Date;
}

export interface ScopeRequest {
  unitCode: string;
  from: string;
  to: string;
  includeSubunits?: boolean;
}

/**
 * Resolves a report's unit and period. A unit the caller may not read answers
 * like one that does not exist (404), as everywhere else, so codes cannot be
 * probed; a period the wrong way round or longer than allowed is refused.
 */
@Injectable()
export class ResolveReportScope {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ScopeRequest, principal: Principal): Promise<ReportScope> {
    if (request.to < request.from) {
      throw new AppError('VALIDATION_FAILED', 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.', { fields: { to: 'Ngày kết thúc trước ngày bắt đầu.' } });
    }
    const days = daysBetween(request.from, request.to) + 1;
    if (days > MAX_REPORT_DAYS) {
      throw new AppError('VALIDATION_FAILED', `Kỳ báo cáo tối đa ${MAX_REPORT_DAYS.toLocaleString('vi-VN')} ngày; kỳ đã chọn dài ${days.toLocaleString('vi-VN')} ngày.`, {
        fields: { to: 'Kỳ báo cáo quá dài.' },
      });
    }
    const rows: ReportUnit[] = await this.dataSource.query('SELECT code, name, path FROM units WHERE code = $1', [request.unitCode]);
    const unit = rows[0];
    if (!unit || !isAllowed(principal, 'report.read', { unitPath: unit.path })) {
      throw new AppError('NOT_FOUND', `Không tìm thấy đơn vị mã ${request.unitCode}.`);
    }
    return {
      unit,
      includeSubunits: request.includeSubunits ?? true,
      from: request.from,
      to: request.to,
      fromDisplay: displayDay(request.from),
      toDisplay: displayDay(request.to),
      start: startOfVietnamDay(request.from),
      end: startOfVietnamDay(nextDay(request.to)),
    };
  }
}

/**
 * SQL condition (and its parameter) selecting the codes of the units in scope,
 * for `column IN (SELECT code FROM units WHERE …)`.
 */
export function unitsInScope(scope: ReportScope, parameter: number): { sql: string; value: string } {
  if (!scope.includeSubunits) return { sql: `SELECT $${parameter}::text`, value: scope.unit.code };
  return { sql: `SELECT code FROM units WHERE path LIKE $${parameter} || '%'`, value: scope.unit.path };
}

/** The same units as a list, for queries that take them as an array parameter (`unit_code = ANY($1)`). */
export async function unitCodesOf(dataSource: DataSource, scope: Pick<ReportScope, 'unit' | 'includeSubunits'>): Promise<string[]> {
  if (!scope.includeSubunits) return [scope.unit.code];
  const rows: { code: string }[] = await dataSource.query(`SELECT code FROM units WHERE path LIKE $1 || '%'`, [
    scope.unit.path.replace(/[\\%_]/g, (character) => `\\${character}`),
  ]);
  const codes = rows.map((row) => row.code);
  return codes.includes(scope.unit.code) ? codes : [scope.unit.code, ...codes];
}
