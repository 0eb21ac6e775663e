import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type DocumentView, type DossierView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import type { Logger } from '@mc/observability';
import { CLOCK, LOGGER, type Clock } from '@mc/service-runtime';
import { DossierPlatform, type CallerCredentials } from '../platform/dossier-platform';
import { DocumentSigning } from '../recording/document-signing';
import { SignatureRecords } from '../recording/signature-records';
import { SigningRequests } from '../requests/signing-requests';
import { signedFileName } from './result-rules';

export interface ResultSigningJob {
  requestId: string;
  principal: Principal;
  credentials: CallerCredentials;
  dossier: DossierView;
  draft: DocumentView;
  bytes: Buffer;
}

/**
 * The rest of a result signing, once the key holder answers: the signed PDF
 * (checked like any uploaded one) goes to the applicant's store as the
 * dossier's issued result, then the signature and the request's end are
 * written with the event in one transaction. A refusal, an expiry or any
 * failure ends the request with its reason and records nothing, so the dossier
 * stays as it was. A crash while waiting leaves the request pending until
 * GetSigningRequest ends it as expired.
 */
@Injectable()
export class CompleteResultSigning {
  constructor(
    private readonly dataSource: DataSource,
    private readonly platform: DossierPlatform,
    private readonly signing: DocumentSigning,
    private readonly records: SignatureRecords,
    private readonly requests: SigningRequests,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run(job: ResultSigningJob): Promise<void> {
    const { dossier, draft, principal, credentials } = job;
    try {
      const signed = await this.signing.sign({
        pdf: job.bytes,
        keyId: principal.username,
        caption: 'Ký bởi',
        reason: `Phê duyệt kết quả giải quyết hồ sơ ${dossier.code}`,
        documentName: `${draft.componentName} — hồ sơ ${dossier.code}`,
      });
      const stored = await this.platform.storeVerified(
        { dossierCode: dossier.code, kind: 'result', title: draft.componentName, file: { filename: signedFileName(draft.filename), base64: signed.pdf.toString('base64') } },
        credentials,
      );
      await this.dataSource.transaction(async (manager) => {
        const signature = await this.records.record(manager, {
          kind: 'result',
          dossierCode: dossier.code,
          signer: principal.username,
          unitCode: dossier.competentUnitCode,
          signed,
          documentId: stored.documentId,
          verifiedDocumentId: stored.id,
        });
        await this.requests.signed(manager, job.requestId, signature.id, this.clock.now());
      });
    } catch (error) {
      const code = error instanceof AppError ? error.code : null;
      const status = code === 'SIGNATURE_REFUSED' ? 'refused' : code === 'SIGNATURE_TIMEOUT' ? 'expired' : 'failed';
      if (status === 'failed') this.logger.error({ err: error, requestId: job.requestId }, 'result signing failed');
      const reason = error instanceof AppError ? error.message : 'Không ký được kết quả do lỗi hệ thống; kết quả chưa được ký, hãy gửi lại yêu cầu.';
      await this.requests.ended(job.requestId, status, reason, this.clock.now()).catch((failure: Error) => this.logger.error({ err: failure }, 'could not end a signing request'));
    }
  }
}
