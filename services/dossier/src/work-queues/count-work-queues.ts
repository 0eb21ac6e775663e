import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WORK_QUEUE_KINDS, type WorkQueueCounts, type WorkQueueFilter } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '../clock';
import { filterSql, queueSql, scopeOf, SqlParams, visibleSql } from './work-queue-scope';

/**
 * The dashboard's counts, one per queue, in one pass over the caller's open
 * dossiers: the queues overlap, so counting them separately would read the
 * same rows five times.
 */
const OWN_KINDS = WORK_QUEUE_KINDS.filter((kind): kind is Exclude<(typeof WORK_QUEUE_KINDS)[number], 'inter_agency'> => kind !== 'inter_agency');

@Injectable()
export class CountWorkQueues {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(filter: WorkQueueFilter, principal: Principal): Promise<WorkQueueCounts> {
    const now = this.clock.now();
    const { sql, values } = this.query(filter, principal, now);
    const shared = this.sharedQuery(filter, principal, now);
    const [[row], [sharedRow]]: Record<string, number>[][] = await Promise.all([
      this.dataSource.query(sql, values),
      this.dataSource.query(shared.sql, shared.values),
    ]);
    const counts = Object.fromEntries(OWN_KINDS.map((kind) => [kind, Number(row?.[kind] ?? 0)]));
    return {
      ...(counts as Record<(typeof OWN_KINDS)[number], number>),
      inter_agency: Number(sharedRow?.inter_agency ?? 0),
      asOf: now.toISOString(),
    };
  }

  query(filter: WorkQueueFilter, principal: Principal, now = this.clock.now()): { sql: string; values: unknown[] } {
    const scope = scopeOf(principal);
    const params = new SqlParams();
    // Every queue of the caller's own units lies inside its scope, so the scope bounds the one scan.
    const where = ['finished_at IS NULL', visibleSql(scope, params), ...filterSql(filter, params)];
    const columns = OWN_KINDS.map((kind) => `count(*) FILTER (WHERE ${queueSql(kind, scope, now, params)})::int AS ${kind}`);
    return { sql: `SELECT ${columns.join(', ')} FROM dossiers WHERE ${where.join(' AND ')}`, values: params.values };
  }

  /** Shared dossiers lie outside that scope (another unit received them), so they are counted apart. */
  private sharedQuery(filter: WorkQueueFilter, principal: Principal, now: Date): { sql: string; values: unknown[] } {
    const params = new SqlParams();
    const where = ['finished_at IS NULL', queueSql('inter_agency', scopeOf(principal), now, params), ...filterSql(filter, params)];
    return { sql: `SELECT count(*)::int AS inter_agency FROM dossiers WHERE ${where.join(' AND ')}`, values: params.values };
  }
}
