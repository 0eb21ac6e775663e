import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { parseInput, PostalSubjects, reconcileRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ReconcileDay } from './reconcile-day';

@Controller()
export class ReconciliationHandlers {
  constructor(private readonly reconcileDay: ReconcileDay) {}

  @MessagePattern(PostalSubjects.reconcile)
  reconcile(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.reconcileDay.execute(parseInput(reconcileRequestSchema, payload).day, context.requirePrincipal());
  }
}
