import { readFile } from 'node:fs/promises';
import { CreateOutboxAndInbox1763800000000 } from '@mc/messaging';
import { withAdvisoryLock } from '@mc/persistence';
import type { BusServiceDefinition } from '@mc/service-runtime';
import { DataSource } from 'typeorm';
import { LoadDemoAccounts } from './accounts/load-demo-accounts';
import { identityConfigSchema, type IdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';
import { CreateAccountsAndSigningKeys1763800100000 } from './migrations/1763800100000-create-accounts-and-signing-keys';
import { CreateUnitTreeAndRoleGrants1763800200000 } from './migrations/1763800200000-create-unit-tree-and-role-grants';
import { CreateAuthorizationCodes1763800300000 } from './migrations/1763800300000-create-authorization-codes';
import { CreateSignInFailures1763800420000 } from './migrations/1763800420000-create-sign-in-failures';
import { AddCitizenVerification1763800450000 } from './migrations/1763800450000-add-citizen-verification';
import { AddRefreshTokenFamilies1763800500000 } from './migrations/1763800500000-add-refresh-token-families';
import { SYSTEM_PRINCIPAL } from './system-principal';
import { SigningKeys } from './tokens/signing-keys';
import { ImportUnits } from './units/import-units';

export const identityService: BusServiceDefinition<typeof identityConfigSchema> = {
  service: 'identity',
  module: IdentityModule,
  entities: [],
  migrations: [
    CreateOutboxAndInbox1763800000000,
    CreateAccountsAndSigningKeys1763800100000,
    CreateUnitTreeAndRoleGrants1763800200000,
    CreateAuthorizationCodes1763800300000,
    CreateSignInFailures1763800420000,
    AddCitizenVerification1763800450000,
    AddRefreshTokenFamilies1763800500000,
  ],
  config: identityConfigSchema,
  httpPort: (config) => (config as IdentityConfig).IDENTITY_HTTP_PORT,
  httpRequestTimeoutMs: (config) => (config as IdentityConfig).ISSUER_REQUEST_TIMEOUT_MS,
  async onStarted({ app, config, logger }) {
    const { DEMO_UNITS_FILE: unitsFile, DEMO_ACCOUNTS_FILE: accountsFile, SIGNING_KEY_MAX_AGE_DAYS } = config as IdentityConfig;
    // Replicas started together would both rotate the key and both insert the same demo units: one at a time, the second finds it done.
    await withAdvisoryLock(app.get(DataSource), 'identity:start-up', async () => {
      const rotated = await app.get(SigningKeys).rotateIfOlderThan(SIGNING_KEY_MAX_AGE_DAYS);
      if (rotated) logger.info({ kid: rotated }, 'signing key rotated');
      if (unitsFile) {
        const { units } = JSON.parse(await readFile(unitsFile, 'utf8')) as { units: unknown[] };
        const result = await app.get(ImportUnits).execute(units, SYSTEM_PRINCIPAL);
        logger.info({ ...result, file: unitsFile }, 'demo units loaded');
      }
      if (accountsFile) {
        const created = await app.get(LoadDemoAccounts).execute(accountsFile);
        logger.info({ created, file: accountsFile }, 'demo accounts loaded');
      }
    });
  },
};
