import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { adoptionRefSchema, CatalogSubjects, parseInput, putAdoptionRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { AdoptProcedure } from './adopt-procedure';
import { GetAdoption } from './get-adoption';

@Controller()
export class AdoptionHandlers {
  constructor(
    private readonly adoptProcedure: AdoptProcedure,
    private readonly getAdoption: GetAdoption,
  ) {}

  @MessagePattern(CatalogSubjects.putAdoption)
  put(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.adoptProcedure.execute(parseInput(putAdoptionRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(CatalogSubjects.getAdoption)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getAdoption.execute(parseInput(adoptionRefSchema, payload), context.requirePrincipal());
  }
}
