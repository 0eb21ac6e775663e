import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { DocumentsSubjects, parseInput, renderFormRequestSchema } from '@mc/contracts';
import { BusHeader, type BusContext } from '@mc/messaging';
import { RenderOfficialForm } from './render-official-form';

@Controller()
export class FormHandlers {
  constructor(private readonly renderOfficialForm: RenderOfficialForm) {}

  /** Signed-in callers only; the caller's token goes on to the dossier service, which decides what they may read. */
  @MessagePattern(DocumentsSubjects.renderForm)
  render(@Payload() payload: unknown, @Ctx() context: BusContext) {
    context.requirePrincipal();
    const input = parseInput(renderFormRequestSchema, payload);
    return this.renderOfficialForm.execute(input, { [BusHeader.authorization]: context.getHeaders()[BusHeader.authorization] });
  }
}
