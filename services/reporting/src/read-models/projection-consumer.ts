import { ensureDurableConsumer, LeaderLockedBatchConsumer, type Bus } from '@mc/messaging';

/** The settings the projection's consumer runs with. */
export interface ProjectionConfig {
  BUS_MAX_DELIVER: number;
  BUS_RETRY_DELAY_MS: number;
  REPORTING_PROJECTION_ENABLED: boolean;
  REPORTING_PROJECTION_BATCH: number;
  REPORTING_PROJECTION_ACK_WAIT_MS: number;
}

/** Every dossier event feeds the reports; one durable consumer reads them all, in stream order. */
export const DOSSIER_EVENTS_SUBJECT = 'evt.dossier.dossier.>';
const PROJECTION_DURABLE = 'reporting__projection__dossier';
/** The durable consumer of a generation; each rebuild starts the next one. */
export const projectionDurable = (generation: number) => `${PROJECTION_DURABLE}_g${generation}`;
/** The session-level advisory lock the active projector holds, so one replica applies events at a time. */
export const PROJECTION_LOCK_KEY = 7_263_900_001;

/** Replaces the consumer of one generation by the next one, which starts from the first event of the stream. */
export async function replaceProjectionConsumer(bus: Bus, generation: number, config: ProjectionConfig): Promise<void> {
  const stream = await bus.ensureEventStream('dossier');
  await bus.jsm.consumers.delete(stream, projectionDurable(generation)).catch(() => false);
  await ensureDurableConsumer(bus, {
    producer: 'dossier',
    durable: projectionDurable(generation + 1),
    subject: DOSSIER_EVENTS_SUBJECT,
    // The limits the projector gives it, so taking the lead changes nothing.
    ...LeaderLockedBatchConsumer.consumerLimits({
      maxDeliver: config.BUS_MAX_DELIVER,
      ackWaitMs: config.REPORTING_PROJECTION_ACK_WAIT_MS,
      batchSize: config.REPORTING_PROJECTION_BATCH,
    }),
  });
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
