import type { Channel } from '@mc/contracts';

/** One message as a channel sends it: the rendered text, and for Zalo the approved template's id and data. */
export interface OutgoingMessage {
  id: string;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
  params: Record<string, string>;
  znsTemplateId: string | null;
}

export interface SentMessage {
  /** The provider's id, by which its delivery report names the message. */
  providerMessageId: string;
  /** What the provider bills: SMS segments, else 1. */
  units: number;
}

/** A provider behind one interface: SMS gateway, Zalo ZNS, SMTP. */
export interface MessageChannel {
  readonly channel: Channel;
  send(message: OutgoingMessage): Promise<SentMessage>;
}
export const MESSAGE_CHANNELS = Symbol('MESSAGE_CHANNELS');

/** The provider asks us to slow down: try again after the wait, without counting a failure. */
export class ProviderThrottled extends Error {
  constructor(
    readonly retryAfterMs: number,
    message = 'provider throttled the request',
  ) {
    super(message);
  }
}

/** The provider refused the message for good (a bad number, a template it does not know): retrying cannot help. */
export class ProviderRejected extends Error {}

/**
 * The request went out and no answer came (a timeout, or the connection
 * dropped after the message was written): the provider may well have taken
 * it. Sending again at once could give the citizen the message twice, so it
 * waits for a delivery report first.
 */
export class ProviderUnanswered extends Error {}

// Failures before a byte of the request left: the address does not resolve, or nobody listens, or the connection could not be made.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * What a fetch to a provider that did not answer becomes: a timeout or a
 * connection lost once the request was on its way is unanswered; a refused
 * or unreachable address never carried the message and is an ordinary
 * failure, tried again as usual.
 */
export function unansweredOrFailed(error: unknown, provider: string): Error {
  const { name, cause } = error as { name?: string; cause?: { code?: string } };
  // A timeout while connecting counts as unanswered too: fetch does not say which phase it was in, and waiting is the safe side.
  if (name === 'TimeoutError' || name === 'AbortError') return new ProviderUnanswered(`${provider} did not answer in time`);
  const code = cause?.code;
  if (code && NOT_SENT.has(code)) return new Error(`${provider} not reached: ${code}`);
  return new ProviderUnanswered(`${provider} connection lost before the answer: ${code ?? name ?? 'unknown'}`);
}

/** A provider's JSON answer, or nothing when the body is not JSON (a proxy's error page). */
export const parsed = (text: string): Record<string, unknown> => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/** Seconds of a Retry-After header, or the default when it is absent or a date. */
export const retryAfterMs = (header: string | null, fallbackMs = 1_000) => {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : fallbackMs;
};
