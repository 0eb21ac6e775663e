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

/** Seconds of a Retry-After header, or the default when it is absent or a date. */
export const retryAfterMs = (header: string | null, fallbackMs = 1_000) => {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : fallbackMs;
};
