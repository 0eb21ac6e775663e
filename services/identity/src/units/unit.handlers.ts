import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { IdentitySubjects, parseInput, unitByCodeSchema, unitImportSchema, unitInputSchema, unitUpdateSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { CreateUnit } from './create-unit';
import { GetUnit } from './get-unit';
import { ImportUnits } from './import-units';
import { UpdateUnit } from './update-unit';

@Controller()
export class UnitHandlers {
  constructor(
    private readonly createUnit: CreateUnit,
    private readonly updateUnit: UpdateUnit,
    private readonly importUnits: ImportUnits,
    private readonly getUnit: GetUnit,
  ) {}

  @MessagePattern(IdentitySubjects.unitCreate)
  create(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.createUnit.execute(parseInput(unitInputSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.unitUpdate)
  update(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.updateUnit.execute(parseInput(unitUpdateSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.unitImport)
  import(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.importUnits.execute(parseInput(unitImportSchema, payload).units, context.requirePrincipal());
  }

  @MessagePattern(IdentitySubjects.unitGet)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getUnit.execute(parseInput(unitByCodeSchema, payload).code, context.requirePrincipal());
  }
}
