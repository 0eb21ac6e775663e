import { hostname } from 'node:os';
import {
  jetstream,
  jetstreamManager,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { DEAD_LETTER_STREAM, DEAD_LETTER_SUBJECTS, eventStreamName, eventStreamSubjects, type ServiceName } from '@mc/contracts';

export interface BusOptions {
  url: string;
  /**
   * Prefix for every subject and stream name. Empty in production; a test run
   * sets its own so that runs sharing one NATS server never see each other.
   */
  namespace: string;
  service: ServiceName;
  /** Replicas of the streams this process creates (1 on one server, 3 on the province's cluster). */
  streamReplicas?: number;
}

/** Publish dedupe window for events: an outbox relay that retries within it never double-publishes. */
const DUPLICATE_WINDOW_MS = 5 * 60_000;

/** One NATS connection per process with the namespace applied in one place. */
export class Bus {
  /** Durable consumers this process reads from, by name, with their stream: the lag gauge reads them. */
  readonly durables = new Map<string, string>();

  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly options: BusOptions,
  ) {}

  static async connect(options: BusOptions): Promise<Bus> {
    if (options.namespace && !/^[a-z0-9_-]+$/.test(options.namespace)) {
      throw new Error(`BUS_NAMESPACE "${options.namespace}" must be lower-case letters, digits, - or _`);
    }
    const nc = await connect({
      // A cluster's nodes separated by commas: the client fails over between them.
      servers: options.url.split(','),
      name: `${options.service}@${hostname()}:${process.pid}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      waitOnFirstConnect: true,
      // Otherwise every request builds two errors with stack traces in advance, in case it fails: 4 % of a busy service's CPU.
      noAsyncTraces: true,
    });
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    return new Bus(nc, jetstream(nc, { checkAPI: false }), jsm, options);
  }

  subject(logical: string): string {
    return this.options.namespace ? `${this.options.namespace}.${logical}` : logical;
  }

  logicalSubject(physical: string): string {
    const prefix = this.options.namespace ? `${this.options.namespace}.` : '';
    return prefix && physical.startsWith(prefix) ? physical.slice(prefix.length) : physical;
  }

  streamName(logical: string): string {
    return this.options.namespace ? `${this.options.namespace.toUpperCase().replace(/-/g, '_')}_${logical}` : logical;
  }

  /** Both producer and consumers call this, so whichever starts first creates the stream. */
  async ensureEventStream(producer: ServiceName): Promise<string> {
    return this.ensureStream(this.streamName(eventStreamName(producer)), this.subject(eventStreamSubjects(producer)));
  }

  async ensureDeadLetterStream(): Promise<string> {
    return this.ensureStream(this.streamName(DEAD_LETTER_STREAM), this.subject(DEAD_LETTER_SUBJECTS));
  }

  private async ensureStream(name: string, subject: string): Promise<string> {
    try {
      await this.jsm.streams.info(name);
    } catch {
      await this.jsm.streams
        .add({
          name,
          subjects: [subject],
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          discard: DiscardPolicy.Old,
          duplicate_window: nanos(DUPLICATE_WINDOW_MS),
          num_replicas: this.options.streamReplicas ?? 1,
        })
        .catch(async (error: unknown) => {
          // Another process created it between our info and add.
          await this.jsm.streams.info(name).catch(() => {
            throw error;
          });
        });
    }
    return name;
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}
