import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  AppError,
  calendarChangedV1,
  eventStreamName,
  procedurePublishedV1,
  procedureWithdrawnV1,
  unitChangedV1,
  unitCreatedV1,
  type ReadModelFreshnessView,
  type ServiceName,
} from '@mc/contracts';
import { Bus, durableName } from '@mc/messaging';
import type { Logger } from '@mc/observability';
import { LOGGER, repeat, SERVICE_CONFIG, type Repeating } from '@mc/service-runtime';
import type { DossierConfig } from '../dossier.config';

/** The events each read model is kept from; each subject is one durable consumer of this service. */
export const FEEDS = {
  units: [unitCreatedV1.subject, unitChangedV1.subject],
  procedures: [procedurePublishedV1.subject, procedureWithdrawnV1.subject],
  calendar: [calendarChangedV1.subject],
} as const;
export type Feed = keyof typeof FEEDS;

interface SubjectState {
  /** Events on the stream this service's consumer has not acknowledged yet. */
  pending: number;
  /** When the oldest of them reached the stream (ms); null when none is pending. */
  oldestPendingAt: number | null;
  /** When this replica last read the consumer's state (ms). */
  checkedAt: number;
  /** Acknowledged floor, last delivery and acknowledgements pending: an event applied by any replica changes one of them. */
  progress: string;
}

interface AppliedLag {
  applied: number;
  lastMs: number | null;
  maxMs: number | null;
}

const unavailable = (details: Record<string, unknown>) =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    'Dữ liệu danh mục (đơn vị, thủ tục, lịch làm việc) của dịch vụ hồ sơ chưa cập nhật kịp nên chưa thể tiếp nhận, xử lý hồ sơ. Vui lòng thử lại sau ít phút.',
    details,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How far this replica's read models are behind the services they copy.
 * "Behind" is precise: a feed is behind by the age of the oldest event on its
 * stream that the consumer has not yet acknowledged (applied); a feed whose
 * consumer has nothing pending is current, however old its last event. The
 * consumers' state is read from JetStream on a timer, never on a request, so
 * a submission costs no round trip; a replica that cannot tell (no check
 * within the bound, as when NATS is unreachable) counts as behind. The lag of
 * each applied event (its time in the producer's outbox, on the stream and in
 * the consumer) is measured as it is applied.
 */
@Injectable()
export class ReadModelFreshness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subjects = new Map<string, SubjectState>();
  private readonly lags = new Map<string, AppliedLag>();
  private readonly generations = new Map<Feed, number>();
  /** The cause last logged for a subject whose state could not be read. */
  private readonly failing = new Map<string, string>();
  private job: Repeating | undefined;

  constructor(
    private readonly bus: Bus,
    @Inject(SERVICE_CONFIG) private readonly config: DossierConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeat(this.config.DOSSIER_READ_MODEL_CHECK_MS, () => this.check(), (error) => this.logger.warn({ err: error }, 'read model check failed'), {
      runNow: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /** Throws SERVICE_UNAVAILABLE when a feed is further behind than the bound, or its state is unknown. */
  require(feed: Feed): void {
    const now = Date.now();
    const bound = this.config.DOSSIER_READ_MODEL_MAX_LAG_MS;
    for (const subject of FEEDS[feed]) {
      const state = this.subjects.get(subject);
      if (!state || now - state.checkedAt > bound + this.config.DOSSIER_READ_MODEL_CHECK_MS) throw unavailable({ feed, subject, reason: 'unknown' });
      if (state.oldestPendingAt !== null && now - state.oldestPendingAt > bound) {
        throw unavailable({ feed, subject, behindMs: now - state.oldestPendingAt, boundMs: bound });
      }
    }
  }

  /** Ready to take submissions: every feed known and within the bound (the replica's readiness). */
  requireAll(): void {
    for (const feed of Object.keys(FEEDS) as Feed[]) this.require(feed);
  }

  /**
   * For something the read model does not know: waits (up to the bound) until
   * the feed's consumers have applied every event already on the stream, so
   * that a publication that has reached the stream is seen; a feed still
   * behind then is SERVICE_UNAVAILABLE. Returns once the feed is current.
   */
  async settle(feed: Feed): Promise<void> {
    const until = Date.now() + this.config.DOSSIER_READ_MODEL_MAX_LAG_MS;
    for (;;) {
      const states = await Promise.all(FEEDS[feed].map((subject) => this.checkSubject(subject)));
      if (states.every((state) => state.pending === 0)) return;
      if (Date.now() >= until) throw unavailable({ feed, pending: states.reduce((sum, state) => sum + state.pending, 0) });
      await sleep(25);
    }
  }

  /**
   * Changes whenever the feed's rows may have changed: at once when this
   * replica applies an event, at its next check (DOSSIER_READ_MODEL_CHECK_MS)
   * when another replica did. What is kept in memory under one generation is
   * read again under the next (read-model-cache.ts).
   */
  generation(feed: Feed): number {
    return this.generations.get(feed) ?? 0;
  }

  private changed(subject: string): void {
    const feed = (Object.keys(FEEDS) as Feed[]).find((candidate) => (FEEDS[candidate] as readonly string[]).includes(subject));
    if (feed) this.generations.set(feed, this.generation(feed) + 1);
  }

  /** Called by the consumers once an event's effect is committed. */
  applied(subject: string, occurredAt: string): void {
    this.changed(subject);
    const lagMs = Math.max(Date.now() - Date.parse(occurredAt), 0);
    const lag = this.lags.get(subject) ?? { applied: 0, lastMs: null, maxMs: null };
    this.lags.set(subject, { applied: lag.applied + 1, lastMs: lagMs, maxMs: Math.max(lag.maxMs ?? 0, lagMs) });
  }

  snapshot(): ReadModelFreshnessView {
    const now = Date.now();
    const feeds = (Object.keys(FEEDS) as Feed[]).flatMap((feed) =>
      FEEDS[feed].map((subject) => {
        const state = this.subjects.get(subject);
        const lag = this.lags.get(subject);
        return {
          feed,
          subject,
          pending: state?.pending ?? null,
          behindMs: state ? (state.oldestPendingAt === null ? 0 : now - state.oldestPendingAt) : null,
          checkedAt: state ? new Date(state.checkedAt).toISOString() : null,
          appliedHere: lag?.applied ?? 0,
          lastAppliedLagMs: lag?.lastMs ?? null,
          maxAppliedLagMs: lag?.maxMs ?? null,
        };
      }),
    );
    const current = (Object.keys(FEEDS) as Feed[]).every((feed) => {
      try {
        this.require(feed);
        return true;
      } catch {
        return false;
      }
    });
    return { boundMs: this.config.DOSSIER_READ_MODEL_MAX_LAG_MS, current, feeds };
  }

  private async check(): Promise<void> {
    await Promise.all(Object.values(FEEDS).flat().map((subject) => this.checkSubject(subject).then(() => this.recovered(subject), (error: Error) => this.failed(subject, error))));
  }

  /**
   * A subject whose state cannot be read stays unknown (submissions get the 503
   * above once the last reading is older than the bound). Said once per cause,
   * not on every tick: before its consumer exists (a first start) or while
   * NATS is away, that would be a warning every DOSSIER_READ_MODEL_CHECK_MS.
   */
  private failed(subject: string, error: Error): void {
    const cause = error.name || 'Error';
    if (this.failing.get(subject) === cause) return;
    this.failing.set(subject, cause);
    const notYet = cause === 'ConsumerNotFoundError' || cause === 'StreamNotFoundError';
    if (notYet) this.logger.info({ subject, cause }, 'read model consumer not there yet; submissions wait for it');
    else this.logger.warn({ subject, err: error }, 'read model check failed; said again only if the cause changes');
  }

  private recovered(subject: string): void {
    if (!this.failing.delete(subject)) return;
    this.logger.info({ subject }, 'read model check works again');
  }

  private async checkSubject(subject: string): Promise<SubjectState> {
    const stream = this.bus.streamName(eventStreamName(subject.split('.')[1] as ServiceName));
    const info = await this.bus.jsm.consumers.info(stream, durableName('dossier', subject));
    const pending = info.num_pending + info.num_ack_pending;
    let oldestPendingAt: number | null = null;
    if (pending > 0) {
      // The first event on the subject after the acknowledged floor is the oldest not yet applied.
      const oldest = await this.bus.jsm.streams.getMessage(stream, { seq: info.ack_floor.stream_seq + 1, next_by_subj: this.bus.subject(subject) } as never);
      oldestPendingAt = oldest ? oldest.time.getTime() : Date.now();
    }
    const progress = `${info.ack_floor.consumer_seq}/${info.delivered.consumer_seq}/${info.num_ack_pending}`;
    if (this.subjects.get(subject)?.progress !== progress) this.changed(subject);
    const state = { pending, oldestPendingAt, checkedAt: Date.now(), progress };
    this.subjects.set(subject, state);
    return state;
  }
}
