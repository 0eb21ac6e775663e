import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { dossierActionRequestSchema, DossierSubjects, parseInput } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { idempotencyKey } from '../dossiers/idempotency-key';
import { ActOnDossier } from './act-on-dossier';

@Controller()
export class HandlingHandlers {
  constructor(private readonly actOnDossier: ActOnDossier) {}

  @MessagePattern(DossierSubjects.act)
  act(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const input = parseInput(dossierActionRequestSchema, payload);
    return this.actOnDossier.execute(input, context.requirePrincipal(), idempotencyKey(context));
  }
}
