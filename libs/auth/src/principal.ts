import { ROLE_NAMES } from '@mc/contracts';

/** Roles held in a unit (granted by the identity service), plus the citizen, who holds no unit. */
export const ROLES = [...ROLE_NAMES, 'citizen'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  /** Official code of the unit the role is held in. */
  unit: string;
  /**
   * The unit's place in the tree, `/20/05983/`: its subtree is every unit whose
   * path starts with it. Carried in the token so every service can decide
   * without asking the identity service.
   */
  path: string;
}

/** Who is calling, as every use case sees it after the token was verified. */
export interface Principal {
  subject: string;
  username: string;
  kind: 'staff' | 'citizen' | 'client';
  roles: RoleGrant[];
  clientId: string;
  /**
   * A citizen's personal ID number once proven (VNeID sign-in or a clerk's
   * check at the counter); absent while the account only claims it. Whatever
   * names an ID number is decided on this, never on the username.
   */
  verifiedIdNumber?: string;
}

export const hasRole = (principal: Principal, ...roles: Role[]): boolean =>
  principal.roles.some((grant) => roles.includes(grant.role));
