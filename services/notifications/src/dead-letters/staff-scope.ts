import { AppError } from '@mc/contracts';
import { hasRole, type Principal } from '@mc/auth';

/** Whose messages a caller may see: every unit for the province admin, else the units of their clerk or unit-admin roles. */
export function messageScope(principal: Principal): { all: boolean; units: string[] } {
  if (hasRole(principal, 'province_admin')) return { all: true, units: [] };
  const units = principal.roles.filter((grant) => grant.role === 'clerk' || grant.role === 'unit_admin').map((grant) => grant.unit);
  if (!units.length) throw new AppError('FORBIDDEN', 'Chỉ cán bộ Bộ phận Một cửa, quản trị đơn vị hoặc quản trị tỉnh được xem tin không gửi được.');
  return { all: false, units };
}

/** Enough of an address for a clerk to recognise it, not to copy it: 0912***678, ng***@gmail.com. */
export const maskRecipient = (recipient: string) => {
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient.slice(0, Math.min(2, at))}***${recipient.slice(at)}`;
  return recipient.length > 7 ? `${recipient.slice(0, 4)}***${recipient.slice(-3)}` : '***';
};
