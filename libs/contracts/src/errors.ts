/**
 * Stable error codes shared by every service and the gateway. A code is part of
 * the public API: clients branch on it, so never rename one; add new ones.
 */
export const ERROR_HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  /** A file whose bytes are not a kind the component takes (or not what its name says). */
  FILE_TYPE_REFUSED: 415,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  RATE_LIMITED: 429,
  /** The holder refused the remote-signing request on the phone. */
  SIGNATURE_REFUSED: 409,
  /** The holder did not confirm the remote-signing request before it expired. */
  SIGNATURE_TIMEOUT: 504,
  /** An electronic result is issued only once the leader's valid signature of it is recorded. */
  SIGNATURE_REQUIRED: 409,
  /** A signed PDF whose signature is not valid (changed after signing, untrusted or revoked certificate). */
  SIGNATURE_INVALID: 422,
  /** A valid signature, but not the caller's over this dossier's result. */
  SIGNATURE_MISMATCH: 422,
  SERVICE_UNAVAILABLE: 503,
  SERVICE_TIMEOUT: 504,
  UPSTREAM_ERROR: 502,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export interface ErrorBody {
  code: ErrorCode | string;
  /** Vietnamese, written for the person at the counter: what happened and what to do. */
  message: string;
  details?: unknown;
}

export function httpStatusFor(code: string): number {
  return (ERROR_HTTP_STATUS as Record<string, number>)[code] ?? 502;
}

/** The one error type a use case throws for an expected failure. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
