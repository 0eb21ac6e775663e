import { Module, type DynamicModule } from '@nestjs/common';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import { IdentityProvider } from './identity-provider';
import { KeycloakAdminClient } from './keycloak-admin-client';
import { ProvisionAccount } from './provision-account';
import { keycloakAdminSettings, provisioningEnabled } from './provisioning.config';
import { ProvisioningHandlers } from './provisioning.handlers';

/**
 * Provisioning of accounts into Keycloak, present only when KEYCLOAK_URL is
 * set (compose and production profiles). Otherwise the module is empty: no
 * handler, hence no durable consumer that would pile up unhandled events in
 * the default profile, where the identity service issues tokens itself.
 *
 * The decision is taken from the environment when the module is declared,
 * because Nest fixes controllers before any configuration can be injected;
 * the settings themselves come from the service's validated configuration.
 */
@Module({})
export class ProvisioningModule {
  static register(env: Record<string, unknown>): DynamicModule {
    if (!provisioningEnabled(env)) return { module: ProvisioningModule };
    return {
      module: ProvisioningModule,
      controllers: [ProvisioningHandlers],
      providers: [
        {
          provide: IdentityProvider,
          useFactory: (config: Record<string, unknown>) => new KeycloakAdminClient(keycloakAdminSettings(config)),
          inject: [SERVICE_CONFIG],
        },
        ProvisionAccount,
      ],
      exports: [IdentityProvider, ProvisionAccount],
    };
  }
}
