import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { parseInput, ReportingSubjects, satisfactionRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetSatisfaction } from './get-satisfaction';

@Controller()
export class SatisfactionHandlers {
  constructor(private readonly getSatisfaction: GetSatisfaction) {}

  @MessagePattern(ReportingSubjects.satisfaction)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getSatisfaction.execute(parseInput(satisfactionRequestSchema, payload), context.requirePrincipal());
  }
}
