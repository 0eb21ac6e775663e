import { AppError, type CompetentLevel, type ProcedureVersionView } from '@mc/contracts';

type AdministrativeLevel = 'province' | 'district' | 'commune';

const LEVEL_NAMES: Record<AdministrativeLevel, string> = { province: 'cấp tỉnh', district: 'cấp huyện (cũ)', commune: 'cấp xã' };
const BY_DIGITS: Record<number, AdministrativeLevel> = { 2: 'province', 3: 'district', 5: 'commune' };

/**
 * The administrative level a unit works at, read from its path: unit codes
 * are permanent and official (2 digits for a province, 3 for a former
 * district, 5 for a commune or ward, QĐ 19/2025), and a department, centre
 * or agency (`05983.PKT`, `20.STP`) works at the level of the administrative
 * unit it sits under, the last all-digit code in the path.
 */
export function administrativeLevel(path: string): AdministrativeLevel | null {
  const code = path
    .split('/')
    .filter((part) => /^\d+$/.test(part))
    .at(-1);
  return code ? (BY_DIGITS[code.length] ?? null) : null;
}

/**
 * A procedure is decided at the level the catalog gives it: a commune
 * procedure by a commune or ward (or a unit under it), a provincial one by the
 * province or one of its departments. A procedure of a vertical agency names
 * no administrative level here; which agency decides it is left to the clerk.
 */
export function checkCompetentLevel(version: Pick<ProcedureVersionView, 'name' | 'level'>, unit: { code: string; path: string }): void {
  const wanted: CompetentLevel = version.level;
  if (wanted === 'vertical') return;
  const actual = administrativeLevel(unit.path);
  if (actual === wanted) return;
  const actualName = actual ? LEVEL_NAMES[actual] : 'không xác định được cấp';
  throw new AppError(
    'VALIDATION_FAILED',
    `Thủ tục "${version.name}" thuộc thẩm quyền ${LEVEL_NAMES[wanted]}, nhưng đơn vị giải quyết ${unit.code} là đơn vị ${actualName}. Chọn đơn vị giải quyết ${LEVEL_NAMES[wanted]}.`,
    { issues: [{ path: 'competentUnitCode', message: `Cần đơn vị ${LEVEL_NAMES[wanted]}.` }] },
  );
}
