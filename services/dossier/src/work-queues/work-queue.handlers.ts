import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { listWorkQueueRequestSchema, parseInput, workQueueFilterSchema, WorkQueueSubjects } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { CountWorkQueues } from './count-work-queues';
import { ListWorkQueue } from './list-work-queue';

@Controller()
export class WorkQueueHandlers {
  constructor(
    private readonly listWorkQueue: ListWorkQueue,
    private readonly countWorkQueues: CountWorkQueues,
  ) {}

  @MessagePattern(WorkQueueSubjects.list)
  list(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.listWorkQueue.execute(parseInput(listWorkQueueRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(WorkQueueSubjects.counts)
  counts(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.countWorkQueues.execute(parseInput(workQueueFilterSchema, payload ?? {}), context.requirePrincipal());
  }
}
