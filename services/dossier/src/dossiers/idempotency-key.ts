import { BusHeader, type BusContext } from '@mc/messaging';

/** The caller's Idempotency-Key, as the gateway forwards it on the bus. */
export const idempotencyKey = (context: BusContext) => context.getHeaders()[BusHeader.idempotencyKey] || undefined;
