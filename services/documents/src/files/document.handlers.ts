import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { DocumentsSubjects, listDossierDocumentsRequestSchema, parseInput } from '@mc/contracts';
import { BusHeader, type BusContext } from '@mc/messaging';
import { ListDossierDocuments } from './list-dossier-documents';

@Controller()
export class DocumentHandlers {
  constructor(private readonly listDossierDocuments: ListDossierDocuments) {}

  @MessagePattern(DocumentsSubjects.listDossierDocuments)
  list(@Payload() payload: unknown, @Ctx() context: BusContext) {
    context.requirePrincipal();
    const input = parseInput(listDossierDocumentsRequestSchema, payload);
    return this.listDossierDocuments.execute({ [BusHeader.authorization]: context.getHeaders()[BusHeader.authorization] }, input.code);
  }
}
