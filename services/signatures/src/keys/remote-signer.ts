import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '@mc/contracts';
import type { DocumentSigner, SigningRequest } from './document-signer';

export interface RemoteSignerOptions {
  /** The remote-signing service (the simulator in the default profile). */
  url: string;
  /** How often to ask whether the holder has answered. */
  pollMs: number;
  /** Longest wait for the holder, whatever the service's own expiry says. */
  waitMs: number;
  /** Per request: what the simulator's holder does; a real service ignores it. */
  outcome?: (request: SigningRequest) => string | undefined;
}

interface TransactionView {
  id: string;
  status: 'pending' | 'confirmed' | 'refused' | 'expired';
  cms?: string;
}

/**
 * Ký số từ xa: only the SHA-256 leaves the platform; the holder confirms on a
 * phone and the service returns the CMS. Refusal and expiry are answers the
 * clerk can act on, not faults: they become SIGNATURE_REFUSED and
 * SIGNATURE_TIMEOUT, and the caller has written nothing yet.
 */
export class RemoteSigner implements DocumentSigner {
  constructor(private readonly options: RemoteSignerOptions) {}

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${this.options.url}${path}`, { ...init, headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(10_000) }).catch(() => {
      throw new AppError('SERVICE_UNAVAILABLE', 'Không kết nối được dịch vụ ký số từ xa; vui lòng thử lại sau ít phút.');
    });
    if (response.status === 404) throw new AppError('NOT_FOUND', 'Người ký chưa đăng ký chứng thư số với dịch vụ ký số từ xa.');
    if (!response.ok) throw new AppError('UPSTREAM_ERROR', `Dịch vụ ký số từ xa trả lỗi ${response.status}.`);
    return (await response.json()) as T;
  }

  async chain(keyId: string): Promise<Buffer[]> {
    const { chain } = await this.call<{ chain: string[] }>(`/v1/credentials/${encodeURIComponent(keyId)}`);
    return chain.map((item) => Buffer.from(item, 'base64'));
  }

  async sign(request: SigningRequest): Promise<Buffer> {
    const created = await this.call<TransactionView>('/v1/signatures', {
      method: 'POST',
      body: JSON.stringify({ credentialId: request.keyId, hash: request.digest.toString('base64'), documentName: request.documentName, outcome: this.options.outcome?.(request) }),
    });
    const deadline = Date.now() + this.options.waitMs;
    for (let state = created; ; ) {
      if (state.status === 'confirmed' && state.cms) return Buffer.from(state.cms, 'base64');
      if (state.status === 'refused') throw new AppError('SIGNATURE_REFUSED', 'Người ký đã từ chối yêu cầu ký trên điện thoại; văn bản chưa được ký.');
      if (state.status === 'expired' || Date.now() >= deadline) {
        throw new AppError('SIGNATURE_TIMEOUT', 'Người ký chưa xác nhận yêu cầu ký trên điện thoại trong thời gian cho phép; văn bản chưa được ký, hãy gửi lại yêu cầu.');
      }
      await sleep(this.options.pollMs);
      state = await this.call<TransactionView>(`/v1/signatures/${state.id}`);
    }
  }
}
