import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { indicatorsRequestSchema, parseInput, ReportingSubjects } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetIndicators } from './get-indicators';

@Controller()
export class IndicatorsHandlers {
  constructor(private readonly getIndicators: GetIndicators) {}

  @MessagePattern(ReportingSubjects.indicators)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getIndicators.execute(parseInput(indicatorsRequestSchema, payload), context.requirePrincipal());
  }
}
