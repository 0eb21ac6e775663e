import type { StaffingLine, StaffingTable } from '@mc/contracts';

/** Units that have a one-stop centre of their own: the administrative levels (province, legacy district, commune level). */
export const ADMINISTRATIVE_KINDS = ['province', 'district', 'commune', 'ward', 'township', 'special_zone'] as const;

export interface CentreUnit {
  code: string;
  name: string;
  path: string;
  /** False for a unit dissolved by now: its line shows only while someone still works there. */
  current: boolean;
}

export interface CentreStaffer {
  accountId: string;
  employment: 'own' | 'seconded' | null;
  /** Path of the unit the clerk grant is held in. */
  grantPath: string;
}

const LOWER_CASE_PREFIXES = ['Tỉnh ', 'Thành phố ', 'Huyện ', 'Quận ', 'Thị xã ', 'Thị trấn ', 'Xã ', 'Phường ', 'Đặc khu '];

/**
 * "Bộ phận Một cửa xã Chi Lăng", as the staffing appendix writes it: the kind of
 * unit in lower case after the centre's name; any other name is kept as it is.
 */
export function centreName(unitName: string): string {
  const prefix = LOWER_CASE_PREFIXES.find((candidate) => unitName.startsWith(candidate));
  const name = prefix ? `${prefix.toLowerCase()}${unitName.slice(prefix.length)}` : unitName;
  return `Bộ phận Một cửa ${name}`;
}

/**
 * One line per centre, in tree order: each staffer counts at the centre of the
 * nearest unit at or above the unit of their clerk grant (a clerk granted at a
 * commune's service centre or one of its offices works at that commune's
 * centre), once however many grants they hold there. A dissolved unit keeps a
 * line only while staffed. The totals are the sums of the lines.
 */
export function staffingLines(centres: readonly CentreUnit[], staffers: readonly CentreStaffer[]): Pick<StaffingTable, 'lines' | 'total'> {
  const ordered = [...centres].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const people = new Map<string, Map<string, CentreStaffer['employment']>>(ordered.map((centre) => [centre.code, new Map()]));
  for (const staffer of staffers) {
    let home: CentreUnit | undefined;
    for (const centre of ordered) {
      if (staffer.grantPath.startsWith(centre.path) && (!home || centre.path.length > home.path.length)) home = centre;
    }
    if (home) people.get(home.code)?.set(staffer.accountId, staffer.employment);
  }
  const lines: StaffingLine[] = ordered
    .map((centre) => {
      const employments = [...(people.get(centre.code)?.values() ?? [])];
      const seconded = employments.filter((employment) => employment === 'seconded').length;
      return {
        number: 0,
        unitCode: centre.code,
        centreName: centreName(centre.name),
        total: employments.length,
        own: employments.length - seconded,
        seconded,
        current: centre.current,
      };
    })
    .filter((line) => line.current || line.total > 0)
    .map(({ current: _current, ...line }, index) => ({ ...line, number: index + 1 }));
  const total = lines.reduce(
    (sum, line) => ({ total: sum.total + line.total, own: sum.own + line.own, seconded: sum.seconded + line.seconded }),
    { total: 0, own: 0, seconded: 0 },
  );
  return { lines, total };
}
