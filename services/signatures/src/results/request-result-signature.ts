import { Injectable } from '@nestjs/common';
import type { SignResultRequest, SigningRequestView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { DossierPlatform, type CallerCredentials } from '../platform/dossier-platform';
import { DocumentSigning } from '../recording/document-signing';
import { SigningJobs } from '../requests/signing-jobs';
import { assertResultSigner, draftResult, signedFileName } from './result-rules';

/**
 * The competent unit's leader asks to sign the dossier's draft result. The
 * checks and the draft's bytes are settled now, so a mistake is answered at
 * once; the signature may wait for the leader to confirm on a phone (remote
 * signing), so the answer is a pending request. Once signed, the PDF goes to
 * the applicant's store as the dossier's issued result and the signature is
 * recorded. Nothing about the dossier changes here: it becomes issuable when
 * the dossier service learns of the signature.
 */
@Injectable()
export class RequestResultSignature {
  constructor(
    private readonly platform: DossierPlatform,
    private readonly signing: DocumentSigning,
    private readonly jobs: SigningJobs,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, input: SignResultRequest): Promise<SigningRequestView> {
    const dossier = await this.platform.dossier(input.dossierCode, credentials);
    assertResultSigner(principal, dossier);
    const draft = draftResult(await this.platform.documents(dossier.code, credentials), input.documentId);
    const bytes = await this.platform.download(draft.id, credentials);
    return this.jobs.start({ kind: 'result', dossierCode: dossier.code, keyId: principal.username, requestedBy: principal.username }, async () => {
      const signed = await this.signing.sign({
        pdf: bytes,
        keyId: principal.username,
        caption: 'Ký bởi',
        reason: `Phê duyệt kết quả giải quyết hồ sơ ${dossier.code}`,
        documentName: `${draft.componentName} — hồ sơ ${dossier.code}`,
      });
      const stored = await this.platform.storeVerified(
        { dossierCode: dossier.code, kind: 'result', title: draft.componentName, file: { filename: signedFileName(draft.filename), base64: signed.pdf.toString('base64') } },
        credentials,
      );
      return {
        signature: { kind: 'result', dossierCode: dossier.code, signer: principal.username, unitCode: dossier.competentUnitCode, signed, documentId: stored.documentId, verifiedDocumentId: stored.id },
      };
    });
  }
}
