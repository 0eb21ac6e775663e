import type { EntityManager } from 'typeorm';
import { AppError } from '@mc/contracts';
import type { Principal } from '@mc/auth';

/** The units whose notices a staff member sees: those they hold a role in. */
export function noticeUnits(principal: Principal): string[] {
  const units = [...new Set(principal.roles.map((grant) => grant.unit))];
  if (principal.kind !== 'staff' || !units.length) throw new AppError('FORBIDDEN', 'Chỉ cán bộ có vai trò tại một đơn vị mới xem được thông báo công việc.');
  return units;
}

/** How many of those units' notices the staff member has not read. */
export async function countUnreadNotices(manager: EntityManager, units: string[], username: string): Promise<number> {
  const [{ n }]: { n: number }[] = await manager.query(
    `SELECT count(*)::int AS n FROM staff_notices n
      WHERE n.unit_code = ANY ($1) AND NOT EXISTS (SELECT 1 FROM staff_notice_reads r WHERE r.notice_id = n.id AND r.username = $2)`,
    [units, username],
  );
  return n;
}
