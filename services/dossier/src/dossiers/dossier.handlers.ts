import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { dossierRefSchema, DossierSubjects, parseInput } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetDossier } from './get-dossier';

@Controller()
export class DossierHandlers {
  constructor(private readonly getDossier: GetDossier) {}

  @MessagePattern(DossierSubjects.get)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getDossier.execute(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }
}
