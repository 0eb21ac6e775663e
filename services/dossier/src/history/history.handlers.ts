import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { dossierRefSchema, DossierSubjects, parseInput } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetDossierHistory } from './get-dossier-history';
import { VerifyDossierHistory } from './verify-dossier-history';

@Controller()
export class HistoryHandlers {
  constructor(
    private readonly getDossierHistory: GetDossierHistory,
    private readonly verifyDossierHistory: VerifyDossierHistory,
  ) {}

  @MessagePattern(DossierSubjects.history)
  history(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getDossierHistory.entries(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(DossierSubjects.controlSlip)
  controlSlip(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getDossierHistory.controlSlip(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(DossierSubjects.verifyHistory)
  verify(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.verifyDossierHistory.execute(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }
}
