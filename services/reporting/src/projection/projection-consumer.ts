import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Bus } from '@mc/messaging';

/** Every dossier event feeds the reports; one durable consumer reads them all, in stream order. */
export const DOSSIER_EVENTS_SUBJECT = 'evt.dossier.dossier.>';
const PROJECTION_DURABLE = 'reporting__projection__dossier';
/** The durable consumer of a generation; each rebuild starts the next one. */
export const projectionDurable = (generation: number) => `${PROJECTION_DURABLE}_g${generation}`;
/** The session-level advisory lock the active projector holds, so one replica applies events at a time. */
export const PROJECTION_LOCK_KEY = 7_263_900_001;

export interface ProjectionConsumerOptions {
  maxDeliver: number;
  ackWaitMs: number;
  maxAckPending: number;
}

/** Creates the durable consumer if it is missing, or brings its limits up to date; returns the stream name. */
export async function ensureProjectionConsumer(bus: Bus, generation: number, options: ProjectionConsumerOptions): Promise<string> {
  const durable = projectionDurable(generation);
  const stream = await bus.ensureEventStream('dossier');
  const limits = {
    // One spare delivery: a crash during the last attempt still reaches the dead-letter branch.
    max_deliver: options.maxDeliver + 1,
    ack_wait: nanos(options.ackWaitMs),
    max_ack_pending: options.maxAckPending,
  };
  const existing = await bus.jsm.consumers.info(stream, durable).catch(() => null);
  if (existing) {
    await bus.jsm.consumers.update(stream, durable, limits);
  } else {
    await bus.jsm.consumers
      .add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: bus.subject(DOSSIER_EVENTS_SUBJECT),
        ...limits,
      })
      .catch(async (error: unknown) => {
        // Another replica created it between our info and add.
        await bus.jsm.consumers.info(stream, durable).catch(() => {
          throw error;
        });
      });
  }
  return stream;
}

/** Replaces the consumer of one generation by the next one, which starts from the first event of the stream. */
export async function replaceProjectionConsumer(bus: Bus, generation: number, options: ProjectionConsumerOptions): Promise<void> {
  const stream = await bus.ensureEventStream('dossier');
  await bus.jsm.consumers.delete(stream, projectionDurable(generation)).catch(() => false);
  await ensureProjectionConsumer(bus, generation + 1, options);
}

/** Events the projection has not applied yet: not delivered, plus delivered and not acknowledged. */
export async function pendingProjectionEvents(bus: Bus, generation: number): Promise<number> {
  const stream = await bus.ensureEventStream('dossier');
  const info = await bus.jsm.consumers.info(stream, projectionDurable(generation)).catch(() => null);
  if (info) return info.num_pending + info.num_ack_pending;
  // No consumer yet: everything in the stream's dossier subjects is pending.
  const streamInfo = await bus.jsm.streams.info(stream, { subjects_filter: bus.subject(DOSSIER_EVENTS_SUBJECT) });
  return Object.values(streamInfo.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
}
