import { ACTIONS, isAllowed, mayGrant, type Action } from './policy';
import type { Principal, Role } from './principal';

/**
 * The policy as a matrix: every role held at commune A (province-wide roles at
 * the province) × every action × the target's place relative to A. The
 * expectations are written out by hand, not derived from POLICY.
 */
const PATHS = { own: '/20/05983/', parent: '/20/', sibling: '/20/05977/', child: '/20/05983/05983.TTPVHCC/' } as const;
type Position = keyof typeof PATHS;
const ALL: Position[] = ['own', 'parent', 'sibling', 'child'];
const SUBTREE: Position[] = ['own', 'child'];

const held = (role: Role): Principal => ({
  subject: `actor-${role}`,
  username: role,
  kind: role === 'postal_client' ? 'client' : 'staff',
  roles: [{ role, unit: role === 'province_admin' || role === 'postal_client' ? '20' : '05983', path: role === 'province_admin' || role === 'postal_client' ? '/20/' : '/20/05983/' }],
  clientId: 'mot-cua-web',
});

const EXPECTED: Record<Exclude<Role, 'citizen'>, Partial<Record<Action, Position[]>>> = {
  province_admin: {
    'unit.create': ALL, 'unit.update': ALL, 'account.read': ALL, 'account.create': ALL, 'account.disable': ALL,
    'role.grant': ALL, 'role.revoke': ALL, 'dossier.read': ALL, 'report.read': ALL,
    'catalog.publish': ALL, 'catalog.adopt': ALL, 'diagnostics.run': ALL, 'signing-key.rotate': ALL,
  },
  unit_admin: {
    'unit.create': SUBTREE, 'unit.update': SUBTREE, 'account.read': SUBTREE, 'account.create': SUBTREE,
    'account.disable': SUBTREE, 'role.grant': SUBTREE, 'role.revoke': SUBTREE, 'report.read': SUBTREE, 'catalog.adopt': SUBTREE,
  },
  clerk: { 'account.read': SUBTREE, 'citizen.verify': ALL, 'dossier.receive': SUBTREE, 'dossier.read': SUBTREE, 'dossier.issue': SUBTREE },
  specialist: { 'account.read': SUBTREE, 'dossier.read': SUBTREE, 'dossier.handle': SUBTREE },
  leader: { 'account.read': SUBTREE, 'dossier.read': SUBTREE, 'dossier.approve': SUBTREE, 'report.read': SUBTREE },
  clerical: { 'account.read': SUBTREE, 'dossier.read': SUBTREE, 'dossier.issue': SUBTREE },
  inspector: { 'account.read': SUBTREE, 'dossier.read': SUBTREE, 'report.read': SUBTREE },
  postal_client: { 'postal.update': ALL },
};

describe('authorization policy matrix', () => {
  const cases = Object.entries(EXPECTED).flatMap(([role, actions]) =>
    ACTIONS.flatMap((action) => ALL.map((position) => [role as Role, action, position, (actions[action] ?? []).includes(position)] as const)),
  );

  it.each(cases)('%s × %s on the %s unit → allowed: %s', (role, action, position, allowed) => {
    expect(isAllowed(held(role), action, { unitPath: PATHS[position] })).toBe(allowed);
  });

  it('denies everything to a caller with no role', () => {
    const nobody: Principal = { subject: 's', username: 'x', kind: 'staff', roles: [], clientId: '' };
    for (const action of ACTIONS) expect(isAllowed(nobody, action, { unitPath: '/20/' })).toBe(false);
  });

  it('lets a citizen reach only what is their own', () => {
    const citizen: Principal = { subject: 'c-1', username: '020190000123', kind: 'citizen', roles: [{ role: 'citizen', unit: '', path: '' }], clientId: '' };
    expect(isAllowed(citizen, 'dossier.read', { ownerSubject: 'c-1', unitPath: '/20/05983/' })).toBe(true);
    expect(isAllowed(citizen, 'dossier.read', { ownerSubject: 'c-2', unitPath: '/20/05983/' })).toBe(false);
    expect(isAllowed(citizen, 'account.read', { unitPath: '/20/05983/' })).toBe(false);
  });

  it('lets a unit admin hand out staff roles in its subtree but never admin roles', () => {
    const admin = held('unit_admin');
    expect(mayGrant(admin, 'clerk', PATHS.child)).toBe(true);
    expect(mayGrant(admin, 'clerk', PATHS.sibling)).toBe(false);
    expect(mayGrant(admin, 'province_admin', PATHS.own)).toBe(false);
    expect(mayGrant(admin, 'unit_admin', PATHS.child)).toBe(false);
    expect(mayGrant(admin, 'postal_client', PATHS.own)).toBe(false);
    expect(mayGrant(held('province_admin'), 'unit_admin', PATHS.sibling)).toBe(true);
    expect(mayGrant(held('clerk'), 'clerk', PATHS.own)).toBe(false);
  });
});
