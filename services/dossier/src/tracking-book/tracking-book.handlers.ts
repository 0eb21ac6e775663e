import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { DossierSubjects, parseInput, trackingBookRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { GetTrackingBook } from './get-tracking-book';

@Controller()
export class TrackingBookHandlers {
  constructor(private readonly getTrackingBook: GetTrackingBook) {}

  @MessagePattern(DossierSubjects.trackingBook)
  trackingBook(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getTrackingBook.execute(parseInput(trackingBookRequestSchema, payload), context.requirePrincipal());
  }
}
