import { Injectable } from '@nestjs/common';
import type { AccountView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { AccountStore, toAccountView } from './account-store';

@Injectable()
export class GetAccount {
  constructor(private readonly accounts: AccountStore) {}

  async execute(accountId: string, principal: Principal): Promise<AccountView> {
    return toAccountView(await this.accounts.requireVisible(accountId, principal));
  }
}
