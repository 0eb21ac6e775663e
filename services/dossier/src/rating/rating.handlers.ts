import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DossierSubjects, parseInput, rateDossierRequestSchema } from '@mc/contracts';
import { RateDossier } from './rate-dossier';

@Controller()
export class RatingHandlers {
  constructor(private readonly rateDossier: RateDossier) {}

  /** Public, like tracking: the code and the token on the receipt are the credential. */
  @MessagePattern(DossierSubjects.rate)
  rate(@Payload() payload: unknown) {
    return this.rateDossier.execute(parseInput(rateDossierRequestSchema, payload));
  }
}
