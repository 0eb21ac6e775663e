import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { dossierRefSchema, DossierSubjects, parseInput, trackDossierRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetTrackingTokenForReprint } from './get-tracking-token-for-reprint';
import { TrackDossier } from './track-dossier';

@Controller()
export class TrackingHandlers {
  constructor(
    private readonly trackDossier: TrackDossier,
    private readonly getTrackingTokenForReprint: GetTrackingTokenForReprint,
  ) {}

  /** Public: the code and the token on the receipt are the credential. */
  @MessagePattern(DossierSubjects.track)
  track(@Payload() payload: unknown) {
    const { code, token } = parseInput(trackDossierRequestSchema, payload);
    return this.trackDossier.execute(code, token);
  }

  @MessagePattern(DossierSubjects.trackingTokenForReprint)
  tokenForReprint(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getTrackingTokenForReprint.execute(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }
}
