import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DossierRef, DossierView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { loadVisibleDossier } from './dossier-row';
import { dossierViewOf } from '../inter-agency/sub-handlings';

@Injectable()
export class GetDossier {
  constructor(private readonly dataSource: DataSource) {}

  async execute(ref: DossierRef, principal: Principal): Promise<DossierView> {
    const manager = this.dataSource.manager;
    return dossierViewOf(manager, await loadVisibleDossier(manager, ref, principal));
  }
}
