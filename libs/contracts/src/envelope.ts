import type { ErrorBody } from './errors';

/** Every NATS reply is one of these; a bare value or a thrown string never crosses the bus. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ok = <T>(data: T): Reply<T> => ({ ok: true, data });
export const fail = (error: ErrorBody): Reply<never> => ({ ok: false, error });
