import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { NotificationSubjects, parseInput, saveTemplateRequestSchema } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ListTemplates } from './list-templates';
import { SaveTemplate } from './save-template';

@Controller()
export class TemplateHandlers {
  constructor(
    private readonly listTemplates: ListTemplates,
    private readonly saveTemplate: SaveTemplate,
  ) {}

  @MessagePattern(NotificationSubjects.listTemplates)
  list(@Ctx() context: BusContext) {
    return this.listTemplates.execute(context.requirePrincipal());
  }

  @MessagePattern(NotificationSubjects.saveTemplate)
  save(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.saveTemplate.execute(parseInput(saveTemplateRequestSchema, payload), context.requirePrincipal());
  }
}
