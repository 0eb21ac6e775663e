import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountHandlers } from './accounts/account.handlers';
import { AccountStore } from './accounts/account-store';
import { CreateStaffAccount } from './accounts/create-staff-account';
import { GetAccount } from './accounts/get-account';
import { GrantRole } from './accounts/grant-role';
import { ListAccounts } from './accounts/list-accounts';
import { LoadDemoAccounts } from './accounts/load-demo-accounts';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { RegisterCitizen } from './accounts/register-citizen';
import { RevokeRole } from './accounts/revoke-role';
import { SetAccountDisabled } from './accounts/set-account-disabled';
import { VerifyCitizenAtCounter } from './accounts/verify-citizen-at-counter';
import { CitizenProofs } from './accounts/citizen-proofs';
import { AuditTrail } from './audit/audit-trail';
import { CompleteVneidSignIn } from './federation/complete-vneid-sign-in';
import { StartVneidSignIn } from './federation/start-vneid-sign-in';
import { VneidClient } from './federation/vneid-client';
import { VneidController } from './federation/vneid.controller';
import { Authorize } from './tokens/authorize';
import { IssueToken } from './tokens/issue-token';
import { IssuerCorsMiddleware } from './tokens/issuer-cors.middleware';
import { IssuerController } from './tokens/issuer.controller';
import { IssuerErrorsFilter } from './tokens/issuer-errors.filter';
import { PasswordLogin } from './tokens/password-login';
import { RevokeToken } from './tokens/revoke-token';
import { RotateSigningKey } from './tokens/rotate-signing-key';
import { SignInThrottle } from './tokens/sign-in-throttle';
import { SigningKeyHandlers } from './tokens/signing-key.handlers';
import { SigningKeys } from './tokens/signing-keys';
import { CreateUnit } from './units/create-unit';
import { GetUnit } from './units/get-unit';
import { ImportUnits } from './units/import-units';
import { UnitHandlers } from './units/unit.handlers';
import { UnitStore } from './units/unit-store';
import { UpdateUnit } from './units/update-unit';

@Module({
  // Keycloak provisioning, when KEYCLOAK_URL is set (compose and production profiles).
  imports: [ProvisioningModule.register(process.env)],
  controllers: [IssuerController, VneidController, UnitHandlers, AccountHandlers, SigningKeyHandlers],
  providers: [
    { provide: APP_FILTER, useClass: IssuerErrorsFilter },
    AuditTrail,
    UnitStore,
    AccountStore,
    CreateUnit,
    UpdateUnit,
    ImportUnits,
    GetUnit,
    CreateStaffAccount,
    GetAccount,
    ListAccounts,
    SetAccountDisabled,
    GrantRole,
    RevokeRole,
    RegisterCitizen,
    CitizenProofs,
    VerifyCitizenAtCounter,
    IssueToken,
    Authorize,
    PasswordLogin,
    SignInThrottle,
    RevokeToken,
    RotateSigningKey,
    SigningKeys,
    LoadDemoAccounts,
    VneidClient,
    StartVneidSignIn,
    CompleteVneidSignIn,
  ],
})
export class IdentityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(IssuerCorsMiddleware).forRoutes('.well-known/openid-configuration', 'jwks', 'token', 'revoke');
  }
}
