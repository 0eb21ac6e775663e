import type { Principal, Role } from './principal';

/**
 * Who may do what, in one table. Deny by default: an action a role does not
 * list is refused. Scopes:
 * - `subtree`: the target's unit is the unit the role is held in or below it;
 * - `province`: anywhere in the province;
 * - `self`: only the caller's own record (a citizen's own dossiers).
 */
export type Scope = 'subtree' | 'province' | 'self';

export const ACTIONS = [
  'unit.create',
  'unit.update',
  'account.read',
  'account.create',
  'account.disable',
  'role.grant',
  'role.revoke',
  'citizen.verify',
  'dossier.receive',
  'dossier.read',
  'dossier.handle',
  'dossier.approve',
  'dossier.issue',
  'report.read',
  'catalog.publish',
  'catalog.adopt',
  'postal.update',
  'diagnostics.run',
  'signing-key.rotate',
] as const;
export type Action = (typeof ACTIONS)[number];

export const POLICY: Record<Role, Partial<Record<Action, Scope>>> = {
  province_admin: {
    'unit.create': 'province',
    'unit.update': 'province',
    'account.read': 'province',
    'account.create': 'province',
    'account.disable': 'province',
    'role.grant': 'province',
    'role.revoke': 'province',
    'dossier.read': 'province',
    'report.read': 'province',
    'catalog.publish': 'province',
    'catalog.adopt': 'province',
    'diagnostics.run': 'province',
    'signing-key.rotate': 'province',
  },
  unit_admin: {
    'unit.create': 'subtree',
    'unit.update': 'subtree',
    'account.read': 'subtree',
    'account.create': 'subtree',
    'account.disable': 'subtree',
    'role.grant': 'subtree',
    'role.revoke': 'subtree',
    'report.read': 'subtree',
    'catalog.adopt': 'subtree',
  },
  clerk: {
    'account.read': 'subtree',
    // Citizens belong to no unit: any counter in the province may check a citizen's papers and vouch for the ID number.
    'citizen.verify': 'province',
    'dossier.receive': 'subtree',
    'dossier.read': 'subtree',
    'dossier.issue': 'subtree',
  },
  specialist: { 'account.read': 'subtree', 'dossier.read': 'subtree', 'dossier.handle': 'subtree' },
  leader: { 'account.read': 'subtree', 'dossier.read': 'subtree', 'dossier.approve': 'subtree', 'report.read': 'subtree' },
  clerical: { 'account.read': 'subtree', 'dossier.read': 'subtree', 'dossier.issue': 'subtree' },
  inspector: { 'account.read': 'subtree', 'dossier.read': 'subtree', 'report.read': 'subtree' },
  postal_client: { 'postal.update': 'province' },
  citizen: { 'dossier.read': 'self', 'dossier.receive': 'self' },
};

/**
 * Roles each role may hand out. A unit admin staffs its units but cannot make
 * anyone an admin, nor register machine clients.
 */
export const GRANTABLE: Partial<Record<Role, readonly Role[]>> = {
  province_admin: ['province_admin', 'unit_admin', 'clerk', 'specialist', 'leader', 'clerical', 'inspector', 'postal_client'],
  unit_admin: ['clerk', 'specialist', 'leader', 'clerical', 'inspector'],
};

export interface Target {
  /** Path of the unit the target belongs to, `/20/05983/`; absent for targets outside the tree. */
  unitPath?: string;
  /** Subject of the citizen who owns the target, for `self` scopes. */
  ownerSubject?: string;
}

const inScope = (scope: Scope, grantPath: string, principal: Principal, target: Target): boolean => {
  switch (scope) {
    case 'province':
      return true;
    case 'subtree':
      return target.unitPath !== undefined && target.unitPath.startsWith(grantPath);
    case 'self':
      return target.ownerSubject !== undefined && target.ownerSubject === principal.subject;
  }
};

export function isAllowed(principal: Principal, action: Action, target: Target): boolean {
  return principal.roles.some((grant) => {
    const scope = POLICY[grant.role]?.[action];
    return scope !== undefined && inScope(scope, grant.path, principal, target);
  });
}

/** May the caller grant `role` in the unit at `unitPath`? Both the scope and the role itself must be allowed. */
export function mayGrant(principal: Principal, role: Role, unitPath: string): boolean {
  return principal.roles.some((grant) => {
    const scope = POLICY[grant.role]?.['role.grant'];
    return (
      scope !== undefined && inScope(scope, grant.path, principal, { unitPath }) && (GRANTABLE[grant.role] ?? []).includes(role)
    );
  });
}

/**
 * Does any of the caller's roles allow one of these actions somewhere? A
 * necessary condition of `isAllowed` whatever the target, so it can be checked
 * before the target is known (the gateway, before it reads the body).
 */
export const mayDoAnywhere = (principal: Principal, actions: readonly Action[]): boolean =>
  principal.roles.some((grant) => actions.some((action) => POLICY[grant.role]?.[action] !== undefined));
