import { Injectable } from '@nestjs/common';
import { AppError, type SealResultRequest, type SigningRequestView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { DossierPlatform, type CallerCredentials } from '../platform/dossier-platform';
import { DocumentSigning } from '../recording/document-signing';
import { SignatureRecords } from '../recording/signature-records';
import { SigningJobs } from '../requests/signing-jobs';
import { assertRoleIn, signedFileName } from './result-rules';

/**
 * The unit's seal certificate counter-signs the leader's signed result, as an
 * incremental update, so both signatures stay valid; applied by the unit's
 * leader or its văn thư (who keeps the seal). The sealed file is the dossier's
 * newest issued result in the applicant's store.
 */
@Injectable()
export class SealResult {
  constructor(
    private readonly platform: DossierPlatform,
    private readonly signing: DocumentSigning,
    private readonly records: SignatureRecords,
    private readonly jobs: SigningJobs,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, input: SealResultRequest): Promise<SigningRequestView> {
    const dossier = await this.platform.dossier(input.dossierCode, credentials);
    assertRoleIn(principal, ['leader', 'clerical'], dossier.competentUnitCode, 'lãnh đạo hoặc văn thư');
    const leaderSigned = (await this.records.ofDossier(dossier.code)).filter((signature) => signature.kind === 'result').at(-1);
    if (!leaderSigned?.documentId) {
      throw new AppError('SIGNATURE_REQUIRED', `Kết quả của hồ sơ ${dossier.code} chưa có chữ ký của lãnh đạo; đóng dấu sau khi lãnh đạo ký.`);
    }
    const pdf = await this.platform.download(leaderSigned.documentId, credentials);
    const keyId = `seal-${dossier.competentUnitCode}`;
    return this.jobs.start({ kind: 'seal', dossierCode: dossier.code, keyId, requestedBy: principal.username }, async () => {
      const signed = await this.signing.sign({ pdf, keyId, caption: 'Đóng dấu', reason: `Đóng dấu kết quả giải quyết hồ sơ ${dossier.code}`, documentName: `Kết quả hồ sơ ${dossier.code}` });
      const stored = await this.platform.storeVerified(
        {
          dossierCode: dossier.code,
          kind: 'result',
          title: `Kết quả hồ sơ ${dossier.code} (đã ký, đóng dấu)`,
          file: { filename: signedFileName(`ket-qua-${dossier.code}`), base64: signed.pdf.toString('base64') },
        },
        credentials,
      );
      return {
        signature: { kind: 'seal', dossierCode: dossier.code, signer: principal.username, unitCode: dossier.competentUnitCode, signed, documentId: stored.documentId, verifiedDocumentId: stored.id },
      };
    });
  }
}
