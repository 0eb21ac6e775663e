import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { BusHeader } from '@mc/messaging/client';

/**
 * The headers that travel with a request onto the bus: the caller's token (each
 * service verifies it itself) and the idempotency key.
 */
export const CallerHeaders = createParamDecorator((_: unknown, context: ExecutionContext): Record<string, string | undefined> => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    [BusHeader.authorization]: header('authorization'),
    [BusHeader.idempotencyKey]: header('idempotency-key'),
  };
});

export type CallerHeaders = Record<string, string | undefined>;
