import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { DossierSubjects, parseInput, subHandlingActionRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { idempotencyKey } from '../dossiers/idempotency-key';
import { ActOnSubHandling } from './act-on-sub-handling';

@Controller()
export class InterAgencyHandlers {
  constructor(private readonly actOnSubHandling: ActOnSubHandling) {}

  @MessagePattern(DossierSubjects.actOnSubHandling)
  actOnPart(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const input = parseInput(subHandlingActionRequestSchema, payload);
    return this.actOnSubHandling.execute(input, context.requirePrincipal(), idempotencyKey(context));
  }
}
