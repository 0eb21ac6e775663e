import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  accountCreatedV1,
  accountDisabledV1,
  accountEnabledV1,
  roleGrantedV1,
  roleRevokedV1,
  unitChangedV1,
  type EventDefinition,
  type EventEnvelope,
} from '@mc/contracts';
import { ProvisionAccount } from './provision-account';

/**
 * Keeps the identity provider in step with the identity service's own events.
 * A failure (the provider down, a realm misconfigured) throws, so the durable
 * consumer retries with a growing delay and, after the last allowed delivery,
 * parks the event in the dead-letter stream with the reason.
 */
@Controller()
export class ProvisioningHandlers {
  constructor(private readonly provisionAccount: ProvisionAccount) {}

  @EventPattern(accountCreatedV1.subject)
  async onAccountCreated(@Payload() event: EventEnvelope) {
    await this.provision(accountCreatedV1, event);
  }

  @EventPattern(accountDisabledV1.subject)
  async onAccountDisabled(@Payload() event: EventEnvelope) {
    await this.provision(accountDisabledV1, event);
  }

  @EventPattern(accountEnabledV1.subject)
  async onAccountEnabled(@Payload() event: EventEnvelope) {
    await this.provision(accountEnabledV1, event);
  }

  @EventPattern(roleGrantedV1.subject)
  async onRoleGranted(@Payload() event: EventEnvelope) {
    await this.provision(roleGrantedV1, event);
  }

  @EventPattern(roleRevokedV1.subject)
  async onRoleRevoked(@Payload() event: EventEnvelope) {
    await this.provision(roleRevokedV1, event);
  }

  /** Ending a unit's validity drops its grants from the tokens the identity service issues; the provider must follow. */
  @EventPattern(unitChangedV1.subject)
  async onUnitChanged(@Payload() event: EventEnvelope) {
    await this.provisionAccount.executeForUnit(unitChangedV1.schema.parse(event.data).code);
  }

  private async provision(definition: EventDefinition<{ accountId: string }>, event: EventEnvelope): Promise<void> {
    await this.provisionAccount.execute(definition.schema.parse(event.data).accountId);
  }
}
