import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@mc/contracts';

/** A provider's callback presents the token agreed with it; compared in constant time. */
export function checkProviderToken(expected: string, given: string | undefined): void {
  const [a, b] = [Buffer.from(expected), Buffer.from(given ?? '')];
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError('UNAUTHENTICATED', 'Mã xác thực của nhà cung cấp dịch vụ tin nhắn không đúng.');
}
