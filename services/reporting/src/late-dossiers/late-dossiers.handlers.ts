import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { lateDossiersRequestSchema, parseInput, ReportingSubjects } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ListLateDossiers } from './list-late-dossiers';

@Controller()
export class LateDossiersHandlers {
  constructor(private readonly listLateDossiers: ListLateDossiers) {}

  @MessagePattern(ReportingSubjects.lateDossiers)
  list(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.listLateDossiers.execute(parseInput(lateDossiersRequestSchema, payload), context.requirePrincipal());
  }
}
