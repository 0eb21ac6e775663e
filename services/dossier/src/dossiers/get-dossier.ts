import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DossierRef, DossierView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { loadVisibleDossier, toDossierView } from './dossier-row';

@Injectable()
export class GetDossier {
  constructor(private readonly dataSource: DataSource) {}

  async execute(ref: DossierRef, principal: Principal): Promise<DossierView> {
    return toDossierView(await loadVisibleDossier(this.dataSource.manager, ref, principal));
  }
}
