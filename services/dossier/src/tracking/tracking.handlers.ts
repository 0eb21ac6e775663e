import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DossierSubjects, parseInput, trackDossierRequestSchema } from '@mc/contracts';
import { TrackDossier } from './track-dossier';

@Controller()
export class TrackingHandlers {
  constructor(private readonly trackDossier: TrackDossier) {}

  /** Public: the code and the token on the receipt are the credential. */
  @MessagePattern(DossierSubjects.track)
  track(@Payload() payload: unknown) {
    const { code, token } = parseInput(trackDossierRequestSchema, payload);
    return this.trackDossier.execute(code, token);
  }
}
