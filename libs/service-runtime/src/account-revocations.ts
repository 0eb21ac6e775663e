import type { ConsumerMessages } from '@nats-io/jetstream';
import { DeliverPolicy } from '@nats-io/jetstream';
import { accountDisabledV1, accountEnabledV1, type EventEnvelope } from '@mc/contracts';
import type { Bus } from '@mc/messaging';
import type { Logger } from '@mc/observability';

/**
 * Which accounts are disabled right now, replayed from the identity service's
 * events at start and kept current. Every service checks verified tokens
 * against it, so a disabled account's access tokens stop working as soon as
 * the event arrives (well under a second), not when they expire.
 */
export class AccountRevocations {
  private readonly disabled = new Set<string>();
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  isRevoked(accountId: string): boolean {
    return this.disabled.has(accountId);
  }

  async start(): Promise<void> {
    const stream = await this.bus.ensureEventStream('identity');
    // An ordered consumer: ephemeral, in order, replayed from the start of the stream by every process.
    const consumer = await this.bus.js.consumers.get(stream, {
      filter_subjects: this.bus.subject('evt.identity.account.*'),
      deliver_policy: DeliverPolicy.All,
    });
    this.messages = await consumer.consume();
    this.loop = this.follow(this.messages);
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }

  private async follow(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      try {
        const event = message.json<EventEnvelope<{ accountId: string }>>();
        const subject = this.bus.logicalSubject(message.subject);
        if (subject === accountDisabledV1.subject) this.disabled.add(event.data.accountId);
        if (subject === accountEnabledV1.subject) this.disabled.delete(event.data.accountId);
      } catch (error) {
        this.logger.error({ err: error }, 'unreadable account event ignored');
      }
    }
  }
}
