import type { EntityManager } from 'typeorm';
import type { DossierFact } from './dossier-fact';

/**
 * Taken shared by a report while it writes and reads kept open counts, and
 * exclusively by the projector before it deletes the ones a batch made stale:
 * a report can then never keep counts computed from facts the projector has
 * since changed (see the open_counts migration).
 */
export const OPEN_COUNTS_LOCK_KEY = 7_263_900_002;

/**
 * Reports keep only instants at least KEEP_AFTER old, and the projector takes
 * the lock only for a change older than FORGET_BEFORE. A live event (a few
 * seconds old) can then change no instant a report keeps or is keeping: the
 * two would have to be a whole FORGET_BEFORE apart within one batch's
 * transaction. So the projector and the reports never wait for each other in
 * normal operation, only for late events and catch-up.
 */
const KEEP_AFTER = `interval '10 minutes'`;
const FORGET_BEFORE = `interval '5 minutes'`;

type OpenCountInputs = Pick<DossierFact, 'receivedAt' | 'finishedAt' | 'dueAt' | 'competentUnitCode' | 'procedureCode' | 'channelCode' | 'fieldCode'>;

/**
 * The earliest instant (ms) whose open counts a change of one fact alters, or
 * null. A dossier counts at T when received ≤ T < finished, as overdue when
 * also due < T, in the row of its unit, procedure and channel.
 */
export function openCountsChangedFrom(before: OpenCountInputs | undefined, after: OpenCountInputs): number | null {
  if (!before) return Date.parse(after.receivedAt);
  const instants: string[] = [];
  if (
    before.competentUnitCode !== after.competentUnitCode ||
    before.procedureCode !== after.procedureCode ||
    before.channelCode !== after.channelCode ||
    before.fieldCode !== after.fieldCode ||
    before.receivedAt !== after.receivedAt
  ) {
    instants.push(before.receivedAt, after.receivedAt);
  }
  if (before.finishedAt !== after.finishedAt) instants.push(...[before.finishedAt, after.finishedAt].filter((at): at is string => at !== null));
  if (before.dueAt !== after.dueAt) instants.push(before.dueAt, after.dueAt);
  return instants.length ? Math.min(...instants.map((at) => Date.parse(at))) : null;
}

/** In the projector's transaction: forgets every kept instant from `from` on. */
export async function forgetOpenCountsFrom(manager: EntityManager, from: number): Promise<void> {
  const at = new Date(from).toISOString();
  const locked: unknown[] = await manager.query(
    `SELECT pg_advisory_xact_lock($1) WHERE $2::timestamptz < clock_timestamp() - ${FORGET_BEFORE}`,
    [OPEN_COUNTS_LOCK_KEY, at],
  );
  if (locked.length) await manager.query('DELETE FROM open_count_instants WHERE at >= $1', [at]);
}

/**
 * In a report's transaction, held to its end: makes sure the counts of every
 * instant past by KEEP_AFTER are kept, computing the missing ones for the whole
 * province in one scan, and returns the instants (ISO) that are. Later
 * instants are left to the caller to count live: what is open at them can
 * still change with every event.
 */
export async function keepOpenCounts(manager: EntityManager, instants: string[]): Promise<Set<string>> {
  await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [OPEN_COUNTS_LOCK_KEY]);
  const fresh: { at: Date }[] = await manager.query(
    `INSERT INTO open_count_instants (at) SELECT at FROM unnest($1::timestamptz[]) AS m(at) WHERE at <= now() - ${KEEP_AFTER}
     ON CONFLICT DO NOTHING RETURNING at`,
    [instants],
  );
  if (fresh.length) {
    await manager.query(
      `INSERT INTO open_counts (at, unit_code, procedure_code, channel_code, field_code, open, overdue)
       SELECT m.at, f.competent_unit_code, f.procedure_code, f.channel_code, max(f.field_code), count(*), count(*) FILTER (WHERE f.due_at < m.at)
         FROM unnest($1::timestamptz[]) AS m(at)
         JOIN dossier_facts f ON f.open_range @> m.at
        GROUP BY 1, 2, 3, 4`,
      [fresh.map((row) => row.at.toISOString())],
    );
  }
  const kept: { at: Date }[] = await manager.query('SELECT at FROM open_count_instants WHERE at = ANY($1::timestamptz[])', [instants]);
  return new Set(kept.map((row) => row.at.toISOString()));
}
