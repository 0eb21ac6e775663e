import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { costsRequestSchema, NotificationSubjects, parseInput } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { CountCosts } from './count-costs';

@Controller()
export class CostHandlers {
  constructor(private readonly countCosts: CountCosts) {}

  @MessagePattern(NotificationSubjects.costs)
  costs(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.countCosts.execute(parseInput(costsRequestSchema, payload), context.requirePrincipal());
  }
}
