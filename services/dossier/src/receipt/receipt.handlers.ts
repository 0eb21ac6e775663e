import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { DossierSubjects, parseInput, receiveDossierRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { idempotencyKey } from '../dossiers/idempotency-key';
import { ReceiveDossier } from './receive-dossier';

@Controller()
export class ReceiptHandlers {
  constructor(private readonly receiveDossier: ReceiveDossier) {}

  @MessagePattern(DossierSubjects.receive)
  receive(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const input = parseInput(receiveDossierRequestSchema, payload);
    return this.receiveDossier.execute(input, context.requirePrincipal(), idempotencyKey(context));
  }
}
