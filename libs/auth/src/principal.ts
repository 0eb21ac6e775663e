/** Roles a staff member or client can hold in a unit (see the identity service for who grants what). */
export const ROLES = [
  'province_admin',
  'unit_admin',
  'clerk',
  'specialist',
  'leader',
  'clerical',
  'inspector',
  'postal_client',
  'citizen',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  /** Official code of the unit the role is held in; its subtree is in scope. */
  unit: string;
}

/** Who is calling, as every use case sees it after the token was verified. */
export interface Principal {
  subject: string;
  username: string;
  kind: 'staff' | 'citizen' | 'client';
  roles: RoleGrant[];
  clientId: string;
}

export const hasRole = (principal: Principal, ...roles: Role[]): boolean =>
  principal.roles.some((grant) => roles.includes(grant.role));
