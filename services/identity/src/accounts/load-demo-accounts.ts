import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ROLES } from '@mc/auth';
import { hashPassword } from './passwords';

const demoFileSchema = z.object({
  accounts: z.array(
    z.object({
      username: z.string(),
      password: z.string(),
      fullName: z.string(),
      role: z.enum(ROLES),
      unitCode: z.string(),
      clientId: z.string(),
      clientSecret: z.string().optional(),
    }),
  ),
});

/**
 * Creates the demo accounts listed in infra/demo/accounts.json, once. Existing
 * accounts are left alone so a password changed during a demo survives restarts.
 */
@Injectable()
export class LoadDemoAccounts {
  constructor(private readonly dataSource: DataSource) {}

  async execute(file: string): Promise<number> {
    const { accounts } = demoFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    let created = 0;
    for (const account of accounts) {
      const kind = account.role === 'postal_client' ? 'client' : account.role === 'citizen' ? 'citizen' : 'staff';
      // A machine client authenticates with its client secret (client credentials grant).
      const secret = kind === 'client' ? (account.clientSecret ?? account.password) : account.password;
      const rows: unknown[] = await this.dataSource.query(
        `INSERT INTO accounts (id, username, full_name, kind, password_hash, roles, client_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING RETURNING id`,
        [
          randomUUID(),
          account.username,
          account.fullName,
          kind,
          await hashPassword(secret),
          JSON.stringify([{ role: account.role, unit: account.unitCode }]),
          account.clientId,
        ],
      );
      created += rows.length;
    }
    return created;
  }
}
