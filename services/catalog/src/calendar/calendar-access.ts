import { AppError } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import type { UnitRow } from './calendar-store';

/*
 * The policy table has no calendar actions of its own, and the calendar is part
 * of what the catalogue publishes, so it borrows the catalogue's: the province
 * calendar is published like a procedure (`catalog.publish`, province admins
 * only), and a unit's override is decided like a unit's adoption of a procedure
 * (`catalog.adopt`: a unit admin in its subtree, a province admin anywhere).
 */

export function requireProvinceCalendarEditor(principal: Principal): void {
  if (!isAllowed(principal, 'catalog.publish', {})) {
    throw new AppError('FORBIDDEN', 'Chỉ quản trị viên cấp tỉnh được sửa lịch làm việc và ngày nghỉ của tỉnh.');
  }
}

export function requireUnitCalendarEditor(principal: Principal, unit: UnitRow): void {
  if (!isAllowed(principal, 'catalog.adopt', { unitPath: unit.path })) {
    throw new AppError(
      'FORBIDDEN',
      `Chỉ quản trị viên của ${unit.name} (hoặc của đơn vị cấp trên) hoặc quản trị viên cấp tỉnh được điều chỉnh giờ làm việc của đơn vị này.`,
    );
  }
}

/** Deadline queries and the holiday proposal are working tools of the counters and the web console: any signed-in staff member. */
export function requireStaff(principal: Principal): void {
  if (principal.kind !== 'staff') {
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ, công chức đã đăng nhập được tính hạn giải quyết và dùng các công cụ lập lịch làm việc.');
  }
}
