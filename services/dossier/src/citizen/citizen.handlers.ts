import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern } from '@nestjs/microservices';
import { DossierSubjects } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { ListMyDossiers } from './list-my-dossiers';

@Controller()
export class CitizenHandlers {
  constructor(private readonly listMyDossiers: ListMyDossiers) {}

  @MessagePattern(DossierSubjects.listMine)
  listMine(@Ctx() context: BusContext) {
    return this.listMyDossiers.execute(context.requirePrincipal());
  }
}
