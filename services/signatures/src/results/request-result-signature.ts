import { Inject, Injectable } from '@nestjs/common';
import { type SignResultRequest, type SigningRequestView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { DossierPlatform, type CallerCredentials } from '../platform/dossier-platform';
import { alreadyPending, SigningRequests } from '../requests/signing-requests';
import { CompleteResultSigning } from './complete-result-signing';
import { assertResultSigner, draftResult } from './result-rules';

/**
 * The competent unit's leader asks to sign the dossier's draft result. The
 * checks and the draft's bytes are settled now, so a mistake is answered at
 * once; the signature itself may wait for the leader to confirm on a phone
 * (remote signing), so the answer is a pending request the client follows.
 * Nothing about the dossier changes here: it becomes issuable only when the
 * signature is recorded.
 */
@Injectable()
export class RequestResultSignature {
  constructor(
    private readonly platform: DossierPlatform,
    private readonly requests: SigningRequests,
    private readonly completion: CompleteResultSigning,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, input: SignResultRequest): Promise<SigningRequestView> {
    const dossier = await this.platform.dossier(input.dossierCode, credentials);
    assertResultSigner(principal, dossier);
    const draft = draftResult(await this.platform.documents(dossier.code, credentials), input.documentId);
    if (await this.requests.pendingFor(dossier.code, 'result')) throw alreadyPending(dossier.code);
    const bytes = await this.platform.download(draft.id, credentials);
    const id = await this.requests.open({ kind: 'result', dossierCode: dossier.code, keyId: principal.username, requestedBy: principal.username, at: this.clock.now() });
    void this.completion.run({ requestId: id, principal, credentials, dossier, draft, bytes });
    return (await this.requests.view(id)) as SigningRequestView;
  }
}
