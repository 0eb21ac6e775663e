import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CatalogSubjects,
  createProcedureRequestSchema,
  createVersionRequestSchema,
  parseInput,
  procedureRefSchema,
  updateVersionRequestSchema,
  versionInForceRequestSchema,
  versionRefSchema,
  withdrawVersionRequestSchema,
} from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { CreateDraftVersion } from './create-draft-version';
import { CreateProcedure } from './create-procedure';
import { GetProcedureVersion } from './get-procedure-version';
import { GetVersionInForce } from './get-version-in-force';
import { ListProcedureVersions } from './list-procedure-versions';
import { PublishProcedureVersion } from './publish-procedure-version';
import { UpdateDraftVersion } from './update-draft-version';
import { WithdrawProcedureVersion } from './withdraw-procedure-version';

@Controller()
export class ProcedureHandlers {
  constructor(
    private readonly getVersionInForce: GetVersionInForce,
    private readonly listProcedureVersions: ListProcedureVersions,
    private readonly getProcedureVersion: GetProcedureVersion,
    private readonly createProcedure: CreateProcedure,
    private readonly createDraftVersion: CreateDraftVersion,
    private readonly updateDraftVersion: UpdateDraftVersion,
    private readonly publishProcedureVersion: PublishProcedureVersion,
    private readonly withdrawProcedureVersion: WithdrawProcedureVersion,
  ) {}

  @MessagePattern(CatalogSubjects.get)
  current(@Payload() payload: unknown) {
    return this.getVersionInForce.execute(parseInput(procedureRefSchema, payload));
  }

  @MessagePattern(CatalogSubjects.versionInForce)
  inForce(@Payload() payload: unknown) {
    return this.getVersionInForce.execute(parseInput(versionInForceRequestSchema, payload));
  }

  @MessagePattern(CatalogSubjects.listVersions)
  versions(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.listProcedureVersions.execute(parseInput(procedureRefSchema, payload).code, context.principal);
  }

  @MessagePattern(CatalogSubjects.getVersion)
  version(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getProcedureVersion.execute(parseInput(versionRefSchema, payload), context.principal);
  }

  @MessagePattern(CatalogSubjects.create)
  create(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.createProcedure.execute(parseInput(createProcedureRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CatalogSubjects.createVersion)
  createVersion(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.createDraftVersion.execute(parseInput(createVersionRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CatalogSubjects.updateVersion)
  update(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.updateDraftVersion.execute(parseInput(updateVersionRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CatalogSubjects.publishVersion)
  publish(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.publishProcedureVersion.execute(parseInput(versionRefSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CatalogSubjects.withdrawVersion)
  withdraw(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.withdrawProcedureVersion.execute(parseInput(withdrawVersionRequestSchema, payload), context.requirePrincipal());
  }
}
