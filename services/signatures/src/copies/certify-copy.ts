import { Injectable } from '@nestjs/common';
import { AppError, type CertifyCopyRequest, type SigningRequestView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { DossierPlatform, type CallerCredentials } from '../platform/dossier-platform';
import { DocumentSigning } from '../recording/document-signing';
import { SigningJobs } from '../requests/signing-jobs';
import { assertCounterClerk, signedFileName } from '../results/result-rules';

/**
 * Bản sao điện tử có chứng thực: the clerk who scanned a paper original at the
 * counter signs the scan as a true copy, and it goes to the applicant's store
 * as a certified copy they can cite in later dossiers.
 */
@Injectable()
export class CertifyCopy {
  constructor(
    private readonly platform: DossierPlatform,
    private readonly signing: DocumentSigning,
    private readonly jobs: SigningJobs,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, input: CertifyCopyRequest): Promise<SigningRequestView> {
    const dossier = await this.platform.dossier(input.dossierCode, credentials);
    assertCounterClerk(principal, dossier);
    const scan = (await this.platform.documents(dossier.code, credentials)).documents.find((document) => document.id === input.documentId);
    if (!scan || scan.purpose !== 'digitisation') {
      throw new AppError('NOT_FOUND', `Hồ sơ ${dossier.code} không có bản số hóa ${input.documentId}; chỉ chứng thực bản sao từ bản chính giấy đã số hóa tại quầy.`);
    }
    if (scan.kind !== 'pdf') throw new AppError('VALIDATION_FAILED', `Bản số hóa «${scan.filename}» là ${scan.kind}; hãy số hóa thành tệp PDF để ký chứng thực.`);
    const pdf = await this.platform.download(scan.id, credentials);
    return this.jobs.start({ kind: 'certified_copy', dossierCode: dossier.code, keyId: principal.username, requestedBy: principal.username }, async () => {
      const signed = await this.signing.sign({
        pdf,
        keyId: principal.username,
        caption: 'Chứng thực bản sao đúng với bản chính',
        reason: `Chứng thực bản sao từ bản chính — hồ sơ ${dossier.code}`,
        documentName: input.title,
      });
      const stored = await this.platform.storeVerified(
        {
          dossierCode: dossier.code,
          kind: 'certified_copy',
          title: input.title,
          validUntil: input.validUntil,
          file: { filename: signedFileName(scan.filename), base64: signed.pdf.toString('base64') },
        },
        credentials,
      );
      return {
        signature: { kind: 'certified_copy', dossierCode: dossier.code, signer: principal.username, unitCode: dossier.receivingUnitCode, signed, documentId: stored.documentId, verifiedDocumentId: stored.id },
      };
    });
  }
}
