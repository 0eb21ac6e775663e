import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DossierRef, DossierView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { loadVisibleDossier } from './dossier-row';
import { dossierViewOf } from '../inter-agency/sub-handlings';
import { allowedActions } from '../handling/allowed-actions';

@Injectable()
export class GetDossier {
  constructor(private readonly dataSource: DataSource) {}

  async execute(ref: DossierRef, principal: Principal): Promise<DossierView> {
    const manager = this.dataSource.manager;
    const row = await loadVisibleDossier(manager, ref, principal);
    return { ...(await dossierViewOf(manager, row)), allowedActions: allowedActions(row, principal) };
  }
}
