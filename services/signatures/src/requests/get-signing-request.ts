import { Inject, Injectable } from '@nestjs/common';
import { AppError, type SigningRequestView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import type { SignaturesConfig } from '../signatures.config';
import { SigningRequests } from './signing-requests';

/** What the holder's phone would otherwise not have answered within: the wait bound and a minute for the writes after it. */
const GRACE_MS = 60_000;

/**
 * The requester follows the request. One still pending long after any holder
 * could have answered (the replica waiting for it stopped) is ended here as
 * expired, so the leader can ask again; nothing was recorded for it.
 */
@Injectable()
export class GetSigningRequest {
  constructor(
    private readonly requests: SigningRequests,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: SignaturesConfig,
  ) {}

  async execute(principal: Principal, id: string): Promise<SigningRequestView> {
    let request = await this.requests.view(id);
    if (!request || request.requestedBy !== principal.username) throw new AppError('NOT_FOUND', `Không tìm thấy yêu cầu ký ${id}.`);
    const now = this.clock.now();
    if (request.status === 'pending' && now.getTime() - Date.parse(request.requestedAt) > this.config.SIGNATURES_REMOTE_WAIT_MS + GRACE_MS) {
      await this.requests.ended(id, 'expired', 'Yêu cầu ký không được hoàn tất trong thời gian cho phép; văn bản chưa được ký, hãy gửi lại yêu cầu.', now);
      request = (await this.requests.view(id)) ?? request;
    }
    const { keyId: _keyId, ...view } = request;
    return view;
  }
}
