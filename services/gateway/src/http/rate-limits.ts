import rateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@mc/contracts';
import type { GatewayConfig } from '../gateway.config';
import type { ReplicatedRateCounts } from './replicated-rate-counts';

/**
 * A signed-in caller is counted per account, wherever it connects from (a
 * commune's counters share one address); anyone else per client address. The
 * account is the verified token's subject (route-access.ts runs first), so a
 * forged token cannot spend someone else's allowance: it is refused, and
 * counted against its sender's address.
 */
const rateKey = (request: FastifyRequest): string =>
  request.principal ? `account:${request.principal.subject}` : `address:${normalizeIP(request.ip)}`;

export async function limitRequestRates(fastify: FastifyInstance, config: GatewayConfig, counts: ReplicatedRateCounts): Promise<void> {
  class SharedStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      callback(null, counts.hit(key, timeWindow));
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }

  await fastify.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    max: (request) => (request.principal ? config.RATE_LIMIT_ACCOUNT_MAX : config.RATE_LIMIT_PUBLIC_MAX),
    keyGenerator: rateKey,
    store: SharedStore,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ${Math.max(1, Math.ceil(context.ttl / 1000))} giây.`,
      ),
  });
}
