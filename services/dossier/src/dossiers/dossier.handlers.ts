import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  dossierActionRequestSchema,
  dossierRefSchema,
  DossierSubjects,
  parseInput,
  rateDossierRequestSchema,
  receiveDossierRequestSchema,
  subHandlingActionRequestSchema,
  trackDossierRequestSchema,
  trackingBookRequestSchema,
} from '@mc/contracts';
import { BusHeader, type BusContext } from '@mc/messaging';
import { ActOnDossier } from './act-on-dossier';
import { ActOnSubHandling } from './act-on-sub-handling';
import { GetDossier } from './get-dossier';
import { GetDossierHistory } from './get-dossier-history';
import { GetTrackingBook } from './get-tracking-book';
import { RateDossier } from './rate-dossier';
import { ReceiveDossier } from './receive-dossier';
import { TrackDossier } from './track-dossier';
import { VerifyDossierHistory } from './verify-dossier-history';

const idempotencyKey = (context: BusContext) => context.getHeaders()[BusHeader.idempotencyKey] || undefined;

@Controller()
export class DossierHandlers {
  constructor(
    private readonly receiveDossier: ReceiveDossier,
    private readonly actOnDossier: ActOnDossier,
    private readonly getDossier: GetDossier,
    private readonly getDossierHistory: GetDossierHistory,
    private readonly verifyDossierHistory: VerifyDossierHistory,
    private readonly trackDossier: TrackDossier,
    private readonly actOnSubHandling: ActOnSubHandling,
    private readonly getTrackingBook: GetTrackingBook,
    private readonly rateDossier: RateDossier,
  ) {}

  @MessagePattern(DossierSubjects.receive)
  receive(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const input = parseInput(receiveDossierRequestSchema, payload);
    return this.receiveDossier.execute(input, context.requirePrincipal(), idempotencyKey(context));
  }

  @MessagePattern(DossierSubjects.act)
  act(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const input = parseInput(dossierActionRequestSchema, payload);
    return this.actOnDossier.execute(input, context.requirePrincipal(), idempotencyKey(context));
  }

  @MessagePattern(DossierSubjects.actOnSubHandling)
  actOnPart(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const input = parseInput(subHandlingActionRequestSchema, payload);
    return this.actOnSubHandling.execute(input, context.requirePrincipal(), idempotencyKey(context));
  }

  @MessagePattern(DossierSubjects.get)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getDossier.execute(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(DossierSubjects.history)
  history(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getDossierHistory.entries(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(DossierSubjects.controlSlip)
  controlSlip(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getDossierHistory.controlSlip(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(DossierSubjects.verifyHistory)
  verify(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.verifyDossierHistory.execute(parseInput(dossierRefSchema, payload), context.requirePrincipal());
  }

  /** Public: the code and the token on the receipt are the credential. */
  @MessagePattern(DossierSubjects.track)
  track(@Payload() payload: unknown) {
    const { code, token } = parseInput(trackDossierRequestSchema, payload);
    return this.trackDossier.execute(code, token);
  }

  /** Public, like tracking: the code and the token on the receipt are the credential. */
  @MessagePattern(DossierSubjects.rate)
  rate(@Payload() payload: unknown) {
    return this.rateDossier.execute(parseInput(rateDossierRequestSchema, payload));
  }

  @MessagePattern(DossierSubjects.trackingBook)
  trackingBook(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getTrackingBook.execute(parseInput(trackingBookRequestSchema, payload), context.requirePrincipal());
  }
}
