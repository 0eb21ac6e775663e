import type { NatsConnection, PublishOptions } from '@nats-io/transport-node';

/**
 * Publishes on a NATS connection once per turn of the event loop instead of once per caller. The client writes its
 * buffer to the socket in a microtask after each publish, so requests arriving on separate HTTP sockets (or replies
 * finishing on separate database connections) each cost a socket write and a wake-up of nats-server; queued until
 * the loop has handled every socket that was ready, they leave in one write. The delay is what remains of the
 * current turn, never a timer.
 */
export class PublishBatch {
  private queued: { subject: string; data: Uint8Array; options: PublishOptions; failed?: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(private readonly nc: NatsConnection) {}

  /** `failed` learns why the client refused the message (too large for the server, connection closed). */
  publish(subject: string, data: Uint8Array, options: PublishOptions, failed?: (error: unknown) => void): void {
    this.queued.push({ subject, data, options, failed });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const batch = this.queued;
    this.queued = [];
    for (const { subject, data, options, failed } of batch) {
      try {
        this.nc.publish(subject, data, options);
      } catch (error) {
        failed?.(error);
      }
    }
  };
}
