import { Injectable } from '@nestjs/common';
import type { DossierSignaturesView } from '@mc/contracts';
import { DossierPlatform, type CallerCredentials } from '../platform/dossier-platform';
import { SignatureRecords } from './signature-records';

/** Whoever may read the dossier (the dossier service decides) sees every signature recorded for it. */
@Injectable()
export class ListDossierSignatures {
  constructor(
    private readonly platform: DossierPlatform,
    private readonly records: SignatureRecords,
  ) {}

  async execute(credentials: CallerCredentials, dossierCode: string): Promise<DossierSignaturesView> {
    const dossier = await this.platform.dossier(dossierCode, credentials);
    return { dossierCode: dossier.code, signatures: await this.records.ofDossier(dossier.code) };
  }
}
