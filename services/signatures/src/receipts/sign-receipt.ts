import { Injectable } from '@nestjs/common';
import type { SigningRequestView, SignReceiptRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { DossierPlatform, type CallerCredentials } from '../platform/dossier-platform';
import { DocumentSigning } from '../recording/document-signing';
import { SigningJobs } from '../requests/signing-jobs';
import { assertCounterClerk } from '../results/result-rules';

/** The one-stop centre's clerk signs the receipt (Mẫu 01) the documents service renders; the signed PDF is handed back with the request, to give the applicant. */
@Injectable()
export class SignReceipt {
  constructor(
    private readonly platform: DossierPlatform,
    private readonly signing: DocumentSigning,
    private readonly jobs: SigningJobs,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, input: SignReceiptRequest): Promise<SigningRequestView> {
    const dossier = await this.platform.dossier(input.dossierCode, credentials);
    assertCounterClerk(principal, dossier);
    return this.jobs.start({ kind: 'receipt', dossierCode: dossier.code, keyId: principal.username, requestedBy: principal.username }, async () => {
      const signed = await this.signing.sign({
        pdf: await this.platform.receipt(dossier.code, input.token, credentials),
        keyId: principal.username,
        caption: 'Ký bởi',
        reason: `Tiếp nhận hồ sơ ${dossier.code}`,
        documentName: `Giấy tiếp nhận hồ sơ ${dossier.code}`,
      });
      return {
        signature: { kind: 'receipt', dossierCode: dossier.code, signer: principal.username, unitCode: dossier.receivingUnitCode, signed, documentId: null, verifiedDocumentId: null },
        handedBack: signed.pdf,
      };
    });
  }
}
