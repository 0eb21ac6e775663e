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
@Injectable()
export class CountWorkQueues {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(filter: WorkQueueFilter, principal: Principal): Promise<WorkQueueCounts> {
    const now = this.clock.now();
    const { sql, values } = this.query(filter, principal, now);
    const [row]: Record<string, number>[] = await this.dataSource.query(sql, values);
    const counts = Object.fromEntries(WORK_QUEUE_KINDS.map((kind) => [kind, Number(row?.[kind] ?? 0)]));
    return { ...(counts as Record<(typeof WORK_QUEUE_KINDS)[number], number>), asOf: now.toISOString() };
  }

  query(filter: WorkQueueFilter, principal: Principal, now = this.clock.now()): { sql: string; values: unknown[] } {
    const scope = scopeOf(principal);
    const params = new SqlParams();
    // Every queue lies inside the caller's scope, so the scope bounds the one scan.
    const where = ['finished_at IS NULL', visibleSql(scope, params), ...filterSql(filter, params)];
    const columns = WORK_QUEUE_KINDS.map((kind) => `count(*) FILTER (WHERE ${queueSql(kind, scope, now, params)})::int AS ${kind}`);
    return { sql: `SELECT ${columns.join(', ')} FROM dossiers WHERE ${where.join(' AND ')}`, values: params.values };
  }
}
