import type { DataSource } from 'typeorm';
import type { ReportScope } from '../units/report-scope';

/** The codes of the scope's unit and, unless told otherwise, of every unit under it. */
export async function unitCodesOf(dataSource: DataSource, scope: Pick<ReportScope, 'unit' | 'includeSubunits'>): Promise<string[]> {
  if (!scope.includeSubunits) return [scope.unit.code];
  const rows: { code: string }[] = await dataSource.query(`SELECT code FROM units WHERE path LIKE $1 || '%'`, [
    scope.unit.path.replace(/[\\%_]/g, (character) => `\\${character}`),
  ]);
  const codes = rows.map((row) => row.code);
  return codes.includes(scope.unit.code) ? codes : [scope.unit.code, ...codes];
}
