import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ROLE_NAMES } from '@mc/contracts';
import { SYSTEM_PRINCIPAL } from '../system-principal';
import { UnitStore } from '../units/unit-store';
import { GrantRole } from './grant-role';
import { hashPassword } from './passwords';

const demoFileSchema = z.object({
  accounts: z.array(
    z.object({
      username: z.string(),
      password: z.string(),
      fullName: z.string(),
      role: z.enum(ROLE_NAMES),
      unitCode: z.string(),
      clientId: z.string(),
      clientSecret: z.string().optional(),
    }),
  ),
});

/**
 * Creates the demo accounts listed in infra/demo/accounts.json with their role,
 * once. Existing accounts keep their password (one changed during a demo
 * survives restarts) but get their demo role back if it was missing.
 */
@Injectable()
export class LoadDemoAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitStore,
    private readonly grantRole: GrantRole,
  ) {}

  async execute(file: string): Promise<number> {
    const { accounts } = demoFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    let created = 0;
    for (const account of accounts) {
      const kind = account.role === 'postal_client' ? 'client' : 'staff';
      // A machine client authenticates with its client secret (client credentials grant).
      const secret = await hashPassword(kind === 'client' ? (account.clientSecret ?? account.password) : account.password);
      await this.dataSource.transaction(async (manager) => {
        const unit = await this.units.require(account.unitCode, manager);
        const inserted: { id: string }[] = await manager.query(
          `INSERT INTO accounts (id, username, full_name, kind, password_hash, client_id, home_unit_id, employment)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'own') ON CONFLICT (username) DO NOTHING RETURNING id`,
          [randomUUID(), account.username, account.fullName, kind, secret, account.clientId, unit.id],
        );
        created += inserted.length;
        const [row] = (await manager.query('SELECT id FROM accounts WHERE username = $1', [account.username])) as { id: string }[];
        if (row) await this.grantRole.grant(manager, { accountId: row.id, role: account.role, unitCode: account.unitCode }, SYSTEM_PRINCIPAL);
      });
    }
    return created;
  }
}
