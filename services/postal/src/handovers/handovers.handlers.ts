import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { confirmHandoverRequestSchema, handoverBoardRequestSchema, parseInput, PostalSubjects, prepareHandoverRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ConfirmHandover } from './confirm-handover';
import { GetHandoverBoard } from './get-handover-board';
import { PrepareHandover } from './prepare-handover';

@Controller()
export class HandoverHandlers {
  constructor(
    private readonly board: GetHandoverBoard,
    private readonly prepare: PrepareHandover,
    private readonly confirm: ConfirmHandover,
  ) {}

  @MessagePattern(PostalSubjects.handoverBoard)
  getBoard(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.board.execute(parseInput(handoverBoardRequestSchema, payload).unitCode, context.requirePrincipal());
  }

  @MessagePattern(PostalSubjects.prepareHandover)
  prepareList(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.prepare.execute(parseInput(prepareHandoverRequestSchema, payload).unitCode, context.requirePrincipal());
  }

  @MessagePattern(PostalSubjects.confirmHandover)
  confirmList(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.confirm.execute(parseInput(confirmHandoverRequestSchema, payload), context.requirePrincipal());
  }
}
