import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@mc/observability';
import { LOGGER } from '@mc/service-runtime';
import { IdentityProvider, type ProvisionedRole, type ProvisionedUser, type ProvisionResult } from './identity-provider';

interface AccountState {
  id: string;
  username: string;
  full_name: string;
  kind: 'staff' | 'citizen' | 'client';
  email: string | null;
  client_id: string;
  disabled: boolean;
  roles: ProvisionedRole[];
}

// The grants exactly as the identity service's own issuer puts them in `mc_roles` (tokens/issue-token.ts):
// active, in a unit still in force, in the order granted.
const SELECT_ACCOUNT_STATE = `
  SELECT a.id, a.username, a.full_name, a.kind, a.email, a.client_id, a.disabled_at IS NOT NULL AS disabled,
         COALESCE((SELECT json_agg(json_build_object('role', g.role, 'unit', u.code, 'path', u.path) ORDER BY g.granted_at, g.id)
                   FROM role_grants g JOIN units u ON u.id = g.unit_id
                   WHERE g.account_id = a.id AND g.revoked_at IS NULL
                     AND (u.valid_to IS NULL OR u.valid_to >= current_date)), '[]'::json) AS roles
  FROM accounts a WHERE a.id = $1`;

/** First key of the two-key advisory lock, so it cannot collide with other locks taken on the database ("mcpv"). */
const LOCK_SPACE = 0x6d637076;

const CITIZEN_ROLES: ProvisionedRole[] = [{ role: 'citizen', unit: '', path: '' }];

/**
 * Pushes an account's current state to the identity provider. It reads the
 * state at the time of pushing rather than trusting the event that triggered
 * it, so events arriving late, out of order or twice all end in the latest
 * state. A per-account lock (across replicas) orders concurrent pushes: the
 * last one to run always read the last committed state.
 */
@Injectable()
export class ProvisionAccount {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: IdentityProvider,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(accountId: string): Promise<ProvisionResult> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, hashtext($1))`, [accountId]);
      const [account]: AccountState[] = await manager.query(SELECT_ACCOUNT_STATE, [accountId]);
      if (!account) {
        throw new Error(`Không có tài khoản ${accountId} trong dịch vụ identity; không thể đồng bộ sang nhà cung cấp định danh.`);
      }
      const result = await this.provider.upsertUser(toProvisionedUser(account));
      if (result.outcome !== 'unchanged') {
        this.logger.info({ accountId, username: account.username, outcome: result.outcome, disabled: account.disabled }, 'account provisioned');
      }
      return result;
    });
  }

  /** A unit that changed (its validity ended) changes the roles of everyone holding a grant there. */
  async executeForUnit(unitCode: string): Promise<number> {
    const holders: { account_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT g.account_id FROM role_grants g JOIN units u ON u.id = g.unit_id
       WHERE u.code = $1 AND g.revoked_at IS NULL ORDER BY g.account_id`,
      [unitCode],
    );
    for (const { account_id: accountId } of holders) await this.execute(accountId);
    return holders.length;
  }
}

function toProvisionedUser(account: AccountState): ProvisionedUser {
  return {
    accountId: account.id,
    username: account.username,
    fullName: account.full_name,
    ...(account.email ? { email: account.email } : {}),
    enabled: !account.disabled,
    kind: account.kind,
    ...(account.kind === 'client' ? { clientId: account.client_id } : {}),
    roles: account.kind === 'citizen' ? CITIZEN_ROLES : account.roles,
  };
}
