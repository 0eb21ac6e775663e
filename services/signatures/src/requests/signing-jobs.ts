import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type SignatureKind, type SigningRequestView } from '@mc/contracts';
import { RemoteError } from '@mc/messaging';
import type { Logger } from '@mc/observability';
import { CLOCK, LOGGER, type Clock } from '@mc/service-runtime';
import { SignatureRecords, type NewSignature } from '../recording/signature-records';
import { alreadyPending, SigningRequests } from './signing-requests';

/** What a signing produced: the signature to record, and the signed file when it is handed back rather than stored (a receipt). */
export interface SigningOutcome {
  signature: NewSignature;
  handedBack?: Buffer;
}

/**
 * Every signing is a request the caller follows: the key holder may have to
 * confirm on a phone, and a signature that also reads the dossier, renders or
 * stores a file outlasts a bus request on a busy machine. The checks a caller
 * can act on at once run before `start`; the work runs after it answers. A
 * signature is recorded with its event and the request's end in one
 * transaction; a refusal, an expiry or any failure ends the request with its
 * reason and records nothing. A crash while waiting leaves the request pending
 * until GetSigningRequest ends it as expired.
 */
@Injectable()
export class SigningJobs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: SignatureRecords,
    private readonly requests: SigningRequests,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(request: { kind: SignatureKind; dossierCode: string; keyId: string; requestedBy: string }, work: () => Promise<SigningOutcome>): Promise<SigningRequestView> {
    if (await this.requests.pendingFor(request.dossierCode, request.kind)) throw alreadyPending(request.dossierCode);
    const id = await this.requests.open({ ...request, at: this.clock.now() });
    void this.run(id, work);
    return (await this.requests.view(id)) as SigningRequestView;
  }

  private async run(id: string, work: () => Promise<SigningOutcome>): Promise<void> {
    try {
      const outcome = await work();
      await this.dataSource.transaction(async (manager) => {
        const signature = await this.records.record(manager, outcome.signature);
        await this.requests.signed(manager, id, signature.id, this.clock.now(), outcome.handedBack ?? null);
      });
    } catch (error) {
      // An answer of this service or of another (the documents service storing the file) carries a code and a message a clerk can act on.
      const answered = error instanceof AppError || error instanceof RemoteError ? error : null;
      const status = answered?.code === 'SIGNATURE_REFUSED' ? 'refused' : answered?.code === 'SIGNATURE_TIMEOUT' ? 'expired' : 'failed';
      if (status === 'failed') this.logger.error({ err: error, signingRequestId: id }, 'signing failed');
      const reason = answered ? answered.message : 'Không ký được do lỗi hệ thống; văn bản chưa được ký, hãy gửi lại yêu cầu.';
      await this.requests.ended(id, status, reason, this.clock.now()).catch((failure: Error) => this.logger.error({ err: failure }, 'could not end a signing request'));
    }
  }
}
