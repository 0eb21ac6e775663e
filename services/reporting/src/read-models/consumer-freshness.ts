import type { ReportFreshness, ServiceName } from '@mc/contracts';
import { durableName, type Bus } from '@mc/messaging';

/**
 * Events on a subject that the reporting service's consumer of that subject has
 * not handled yet; before the consumer exists, every such event in the stream.
 */
export async function pendingOnSubject(bus: Bus, subject: string): Promise<number> {
  const producer = subject.split('.')[1] as ServiceName;
  const stream = await bus.ensureEventStream(producer);
  const info = await bus.jsm.consumers.info(stream, durableName('reporting', subject)).catch(() => null);
  if (info) return info.num_pending + info.num_ack_pending;
  const streamInfo = await bus.jsm.streams.info(stream, { subjects_filter: bus.subject(subject) }).catch(() => null);
  return Object.values(streamInfo?.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
}

export async function pendingOnSubjects(bus: Bus, subjects: readonly string[]): Promise<number> {
  const counts = await Promise.all(subjects.map((subject) => pendingOnSubject(bus, subject)));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** The freshness of a read model: what is still pending, and the age of the newest event applied when something is. */
export function freshness(pendingEvents: number, lastEventAt: Date | null, now: Date): ReportFreshness {
  return {
    pendingEvents,
    lastEventAt: lastEventAt?.toISOString() ?? null,
    lagMs: pendingEvents > 0 && lastEventAt ? Math.max(0, now.getTime() - lastEventAt.getTime()) : 0,
    asOf: now.toISOString(),
  };
}
