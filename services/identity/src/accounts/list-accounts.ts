import { Injectable } from '@nestjs/common';
import type { AccountView } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { UnitStore } from '../units/unit-store';
import { AccountStore, toAccountView } from './account-store';

export interface AccountPage {
  items: AccountView[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
}

/** Accounts of a unit (and its subunits), by username; a unit outside the caller's scope lists as empty. */
@Injectable()
export class ListAccounts {
  constructor(
    private readonly units: UnitStore,
    private readonly accounts: AccountStore,
  ) {}

  async execute(
    query: { unitCode: string; includeSubunits: boolean; limit: number; after?: string },
    principal: Principal,
  ): Promise<AccountPage> {
    const unit = await this.units.require(query.unitCode);
    if (!isAllowed(principal, 'account.read', { unitPath: unit.path })) return { items: [] };
    const rows = await this.accounts.listUnder(unit.path, query.includeSubunits, query.limit + 1, query.after);
    const items = rows.slice(0, query.limit).map(toAccountView);
    const last = items.at(-1);
    return rows.length > query.limit && last ? { items, next: last.username } : { items };
  }
}
