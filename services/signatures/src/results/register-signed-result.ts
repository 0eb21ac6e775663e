import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, type RegisterSignedResultRequest, type SignatureView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { DOCUMENT_SIGNER, type DocumentSigner } from '../keys/document-signer';
import { TRUST_STORE } from '../keys/signing-keys';
import { DossierPlatform, type CallerCredentials } from '../platform/dossier-platform';
import { checkedSignature } from '../recording/document-signing';
import { SignatureRecords } from '../recording/signature-records';
import type { TrustStore } from '../verification/verify-pdf-signatures';
import { assertResultSigner, draftResult } from './result-rules';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A result the leader signed with another tool (a USB token, a signing
 * application) counts only if it is the dossier's draft result with the
 * leader's own valid signature appended: the signature is checked (integrity,
 * whole file, chain, revocation at the signing time), its certificate must be
 * the caller's, and the signed file must begin with the draft's exact bytes (a
 * PAdES signature is an incremental update). Anything else is refused and
 * nothing is recorded.
 */
@Injectable()
export class RegisterSignedResult {
  constructor(
    private readonly platform: DossierPlatform,
    private readonly records: SignatureRecords,
    @Inject(DOCUMENT_SIGNER) private readonly keys: DocumentSigner,
    @Inject(TRUST_STORE) private readonly trust: TrustStore,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, input: RegisterSignedResultRequest): Promise<SignatureView> {
    const dossier = await this.platform.dossier(input.dossierCode, credentials);
    assertResultSigner(principal, dossier);
    const pdf = Buffer.from(input.base64, 'base64');
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('VALIDATION_FAILED', `Tệp «${input.filename}» không phải PDF.`);
    const signed = checkedSignature(pdf, this.trust);
    const [own] = await this.keys.chain(principal.username).catch(() => [] as Buffer[]);
    if (!own || sha256(own) !== signed.signer.certificateSha256) {
      throw new AppError('SIGNATURE_MISMATCH', `Chữ ký cuối cùng trên văn bản là của ${signed.signerName}, không phải chứng thư số của bạn; lãnh đạo ký kết quả bằng chứng thư số của chính mình.`);
    }
    const draft = draftResult(await this.platform.documents(dossier.code, credentials));
    if (pdf.length <= draft.size || sha256(pdf.subarray(0, draft.size)) !== draft.sha256) {
      throw new AppError(
        'SIGNATURE_MISMATCH',
        `Văn bản đã ký không phải dự thảo kết quả hiện hành của hồ sơ ${dossier.code} («${draft.filename}»); hãy ký đúng tệp kết quả đã tải lên hồ sơ.`,
        { draftDocumentId: draft.id },
      );
    }
    const stored = await this.platform.storeVerified({ dossierCode: dossier.code, kind: 'result', title: draft.componentName, file: { filename: input.filename, base64: input.base64 } }, credentials);
    return this.records.recordAlone({
      kind: 'result',
      dossierCode: dossier.code,
      signer: principal.username,
      unitCode: dossier.competentUnitCode,
      signed,
      documentId: stored.documentId,
      verifiedDocumentId: stored.id,
    });
  }
}
