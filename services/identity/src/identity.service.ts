import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { LoadDemoAccounts } from './accounts/load-demo-accounts';
import { identityConfigSchema, type IdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';
import { CreateAccountsAndSigningKeys1763800100000 } from './migrations/1763800100000-create-accounts-and-signing-keys';

export const identityService: BusServiceDefinition<typeof identityConfigSchema> = {
  service: 'identity',
  module: IdentityModule,
  entities: [],
  migrations: [CreateOutboxAndInbox1763800000000, CreateAccountsAndSigningKeys1763800100000],
  config: identityConfigSchema,
  httpPort: (config) => (config as IdentityConfig).IDENTITY_HTTP_PORT,
  async onStarted({ app, config, logger }) {
    const file = (config as IdentityConfig).DEMO_ACCOUNTS_FILE;
    if (!file) return;
    const created = await app.get(LoadDemoAccounts).execute(file);
    logger.info({ created, file }, 'demo accounts loaded');
  },
};
