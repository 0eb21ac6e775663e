import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { DossierSubjects, parseInput, returningApplicantRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { FindReturningApplicant } from './find-returning-applicant';

@Controller()
export class ApplicantHandlers {
  constructor(private readonly findReturningApplicant: FindReturningApplicant) {}

  @MessagePattern(DossierSubjects.returningApplicant)
  returning(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.findReturningApplicant.execute(parseInput(returningApplicantRequestSchema, payload), context.requirePrincipal());
  }
}
