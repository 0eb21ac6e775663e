import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { listDeadLettersRequestSchema, messageRefSchema, NotificationSubjects, parseInput } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ListDeadLetters } from './list-dead-letters';
import { RetryDeadLetter } from './retry-dead-letter';

@Controller()
export class DeadLetterHandlers {
  constructor(
    private readonly listDeadLetters: ListDeadLetters,
    private readonly retryDeadLetter: RetryDeadLetter,
  ) {}

  @MessagePattern(NotificationSubjects.listDeadLetters)
  list(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.listDeadLetters.execute(parseInput(listDeadLettersRequestSchema, payload).limit, context.requirePrincipal());
  }

  @MessagePattern(NotificationSubjects.retryDeadLetter)
  retry(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.retryDeadLetter.execute(parseInput(messageRefSchema, payload).messageId, context.requirePrincipal());
  }
}
