import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  accountCreateSchema,
  accountDisableSchema,
  accountIdSchema,
  accountListSchema,
  citizenRegisterSchema,
  citizenVerifySchema,
  IdentitySubjects,
  parseInput,
  roleGrantSchema,
  roleRevokeSchema,
} from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { CreateStaffAccount } from './create-staff-account';
import { GetAccount } from './get-account';
import { GrantRole } from './grant-role';
import { ListAccounts } from './list-accounts';
import { RegisterCitizen } from './register-citizen';
import { RevokeRole } from './revoke-role';
import { SetAccountDisabled } from './set-account-disabled';
import { VerifyCitizenAtCounter } from './verify-citizen-at-counter';

@Controller()
export class AccountHandlers {
  constructor(
    private readonly createStaffAccount: CreateStaffAccount,
    private readonly getAccount: GetAccount,
    private readonly listAccounts: ListAccounts,
    private readonly setAccountDisabled: SetAccountDisabled,
    private readonly grantRole: GrantRole,
    private readonly revokeRole: RevokeRole,
    private readonly registerCitizen: RegisterCitizen,
    private readonly verifyCitizenAtCounter: VerifyCitizenAtCounter,
  ) {}

  @MessagePattern(IdentitySubjects.accountCreate)
  create(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.createStaffAccount.execute(parseInput(accountCreateSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.accountGet)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getAccount.execute(parseInput(accountIdSchema, payload).accountId, context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.accountList)
  list(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.listAccounts.execute(parseInput(accountListSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.accountDisable)
  disable(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const { accountId, reason } = parseInput(accountDisableSchema, payload);
    return this.setAccountDisabled.disable(accountId, reason, context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.accountEnable)
  enable(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.setAccountDisabled.enable(parseInput(accountIdSchema, payload).accountId, context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.roleGrant)
  grant(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.grantRole.execute(parseInput(roleGrantSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.roleRevoke)
  revoke(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.revokeRole.execute(parseInput(roleRevokeSchema, payload), context.requirePrincipal());
  }

  /** Public: online self-registration, which proves nothing (a clerk opens a proven account through `verify`). */
  @MessagePattern(IdentitySubjects.citizenRegister)
  registerCitizenAccount(@Payload() payload: unknown) {
    return this.registerCitizen.execute(parseInput(citizenRegisterSchema, payload));
  }

  @MessagePattern(IdentitySubjects.citizenVerify)
  verifyCitizen(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.verifyCitizenAtCounter.execute(parseInput(citizenVerifySchema, payload), context.requirePrincipal());
  }
}
