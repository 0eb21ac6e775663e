import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  fieldName,
  type FieldCode,
  type ReportGrouping,
  TIMELINESS_COUNT_KEYS,
  type TimelinessCounts,
  type TimelinessReport,
  type TimelinessRequest,
  type TimelinessRow,
  zeroTimelinessCounts,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { startOfVietnamDay } from '@mc/working-calendar';
import { CLOCK, judgedAt, type Clock } from '../clock';
import { formatInteger, formatPercent } from '../read-models/vietnamese-numbers';
import { GetReportFreshness } from '../read-models/get-report-freshness';
import { keepOpenCounts } from '../read-models/open-counts';
import { nextDay } from '../read-models/days';
import { ResolveReportScope, type ReportScope } from '../read-models/report-scope';
import { counterRanges, periodBuckets, periodKeySql, periodLabel, TIME_GROUPINGS, type TimeGrouping } from './periods';

export const CHANNEL_LABELS: Record<string, string> = { '1': 'Trực tiếp', '2': 'Trực tuyến', '3': 'Bưu chính công ích' };

/**
 * The official report on handling administrative procedures for a unit and
 * its subtree over a period. Received and finished dossiers are sums of the
 * month and day counters; those carried over and still in progress are the
 * dossiers open at the period's first and last instant (kept counts once the
 * instant is past), or now for an instant still to come. Units are the
 * competent units.
 */
@Injectable()
export class GetTimelinessReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resolveScope: ResolveReportScope,
    private readonly freshness: GetReportFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(request: TimelinessRequest, principal: Principal): Promise<TimelinessReport> {
    const scope = await this.resolveScope.execute(request, principal);
    const now = this.clock.now();
    // What is open at a bound still to come is not known yet: it is judged as it stands now.
    const judged = (bound: Date) => judgedAt(bound, now).toISOString();
    const groupBy = request.groupBy ?? null;
    const time = groupBy && TIME_GROUPINGS.includes(groupBy) ? (groupBy as TimeGrouping) : null;
    const buckets = time ? periodBuckets(time, scope.from, scope.to) : [];
    const [sums, open, freshness] = await Promise.all([
      this.readOnly((manager) => manager.query(...this.sumsQuery(scope, request, groupBy))),
      this.readOnly(async (manager) => {
        const bounds = buckets.length ? buckets.flatMap((bucket) => [bucket.firstDay, bucket.endDay]).map(startOfVietnamDay) : [scope.start, scope.end];
        const instants = [...new Set(bounds.map(judged))];
        // Only day starts are kept: "now" is a new instant at every report.
        const kept = await keepOpenCounts(manager, instants.filter((instant) => Date.parse(instant) < now.getTime()));
        const live = instants.filter((instant) => !kept.has(instant));
        return manager.query(...this.openQuery(scope, request, buckets.length ? null : groupBy, [...kept], live));
      }),
      this.freshness.execute(),
    ]);

    const counts = new Map<string, TimelinessCounts>();
    const at = (key: string) => {
      let row = counts.get(key);
      if (!row) counts.set(key, (row = zeroTimelinessCounts()));
      return row;
    };
    for (const bucket of buckets) at(bucket.key);
    for (const row of sums as unknown as Record<string, string>[]) {
      const target = at(row.group_key ?? '');
      target.received = Number(row.received);
      target.receivedOnline = Number(row.received_online);
      target.receivedPostal = Number(row.received_postal);
      target.finishedEarly = Number(row.early);
      target.finishedOnTime = Number(row.on_time);
      target.finishedLate = Number(row.late);
      target.refused = Number(row.refused);
      target.withdrawn = Number(row.withdrawn);
      target.stopped = Number(row.stopped);
    }
    // Open dossiers per row key and instant: a row carries over what is open at its start and
    // ends with what is open at its end; in a time grouping one bucket's end is the next one's start.
    const openAt = new Map<string, { open: number; overdue: number }>();
    for (const row of open as unknown as { group_key: string | null; at: Date; open: string; overdue: string }[]) {
      openAt.set(`${row.group_key ?? ''}|${row.at.toISOString()}`, { open: Number(row.open), overdue: Number(row.overdue) });
    }
    const spans = buckets.length
      ? buckets.map((bucket) => ({ key: bucket.key, group: '', start: startOfVietnamDay(bucket.firstDay), end: startOfVietnamDay(bucket.endDay) }))
      : [...new Set([...openAt.keys()].map((key) => key.slice(0, key.lastIndexOf('|'))))].map((group) => ({ key: group, group, start: scope.start, end: scope.end }));
    for (const span of spans) {
      const first = openAt.get(`${span.group}|${judged(span.start)}`);
      const last = openAt.get(`${span.group}|${judged(span.end)}`);
      if (!first && !last) continue;
      const target = at(span.key);
      target.carriedOver = first?.open ?? 0;
      target.inProgressOverdue = last?.overdue ?? 0;
      target.inProgressOnTime = (last?.open ?? 0) - target.inProgressOverdue;
    }

    const labels = await this.labels(groupBy, [...counts.keys()]);
    const keys = [...counts.keys()].sort();
    const rows = groupBy ? keys.map((key) => withRate(key, labels.get(key) ?? key, at(key))) : [];
    const total = withRate('total', 'Tổng cộng', groupBy ? totalOf(keys.map(at), time !== null) : at(''));
    const finishedInTime = total.finishedEarly + total.finishedOnTime;
    return {
      title: `Tình hình giải quyết thủ tục hành chính — ${scope.unit.name}`,
      unit: { code: scope.unit.code, name: scope.unit.name },
      from: scope.from,
      to: scope.to,
      fromDisplay: scope.fromDisplay,
      toDisplay: scope.toDisplay,
      groupBy,
      rows,
      total,
      summary:
        total.onTimeRate === null
          ? 'Chưa có hồ sơ đã giải quyết trong kỳ.'
          : `${formatInteger(finishedInTime)} hồ sơ đúng hạn và trước hạn, ${total.onTimeRateDisplay}`,
      freshness,
    };
  }

  /** The two report queries run side by side, each in its own transaction on its own connection. */
  private readOnly<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // Short queries over many rows: compiling them (JIT) costs more, about 90 ms each, than it saves.
      await manager.query('SET LOCAL jit = off');
      return work(manager);
    });
  }

  /**
   * Scope and filters, the same for the day counters (`d`) and the facts (`f`). The scope is a
   * semi-join on the few hundred unit codes, so rows are counted per unit before any path is read.
   */
  private where(scope: ReportScope, request: TimelinessRequest, alias: string, unitColumn: string, params: unknown[]): string {
    const conditions: string[] = [];
    params.push(scope.includeSubunits ? scope.unit.path : scope.unit.code);
    conditions.push(
      scope.includeSubunits
        ? `${alias}.${unitColumn} IN (SELECT code FROM units WHERE path LIKE $${params.length} || '%')`
        : `${alias}.${unitColumn} = $${params.length}`,
    );
    if (request.procedureCode) {
      params.push(request.procedureCode);
      conditions.push(`${alias}.procedure_code = $${params.length}`);
    }
    if (request.fieldCode) {
      params.push(request.fieldCode);
      conditions.push(`${alias}.field_code = $${params.length}`);
    }
    if (request.channelCode) {
      params.push(request.channelCode);
      conditions.push(`${alias}.channel_code = $${params.length}`);
    }
    return conditions.join(' AND ');
  }

  /** The part of a row's key the dossier's own columns give (all but the unit roll-up). */
  private innerKey(groupBy: ReportGrouping | null, alias: string): string {
    switch (groupBy) {
      case 'procedure':
        return `${alias}.procedure_code`;
      case 'field':
        return `COALESCE(${alias}.field_code, '')`;
      case 'channel':
        return `${alias}.channel_code::text`;
      default:
        return `''`;
    }
  }

  /**
   * The row key, from the per-unit aggregate `o`: for a grouping by unit, the direct child of the
   * report's unit whose subtree holds the unit (the unit itself for its own dossiers).
   */
  private outerKey(scope: ReportScope, groupBy: ReportGrouping | null, params: unknown[]): string {
    if (groupBy !== 'unit') return 'o.inner_key';
    params.push(scope.unit.path, scope.unit.code);
    return `COALESCE(NULLIF(split_part(substr(u.path, length($${params.length - 1}) + 1), '/', 1), ''), $${params.length})`;
  }

  /**
   * Received and finished dossiers: whole months from the month counters, the
   * days before and after them (and every day of a grouping by day or week)
   * from the day counters.
   */
  private sumsQuery(scope: ReportScope, request: TimelinessRequest, grouping: ReportGrouping | null): [string, unknown[]] {
    const params: unknown[] = [];
    const time = grouping && TIME_GROUPINGS.includes(grouping) ? (grouping as TimeGrouping) : null;
    const ranges =
      time === 'day' || time === 'week' ? [{ table: 'daily_stats', column: 'day', from: scope.from, until: nextDay(scope.to) }] : counterRanges(scope.from, scope.to);
    const branches = ranges.map(({ table, column, from, until }) => {
      params.push(from, until);
      const bounds = `d.${column} >= $${params.length - 1}::date AND d.${column} < $${params.length}::date`;
      const inner = time ? periodKeySql(time, `d.${column}`) : this.innerKey(grouping, 'd');
      return `SELECT d.unit_code, ${inner} AS inner_key,
                sum(d.received) AS received,
                sum(d.received) FILTER (WHERE d.channel_code = 2) AS received_online,
                sum(d.received) FILTER (WHERE d.channel_code = 3) AS received_postal,
                sum(d.early) AS early, sum(d.on_time) AS on_time, sum(d.late) AS late,
                sum(d.refused) AS refused, sum(d.withdrawn) AS withdrawn, sum(d.stopped) AS stopped
           FROM ${table} d
          WHERE ${bounds} AND ${this.where(scope, request, 'd', 'unit_code', params)}
          GROUP BY 1, 2`;
    });
    const key = this.outerKey(scope, grouping, params);
    return [
      `WITH o AS (${branches.join('\n         UNION ALL ')})
       SELECT ${key} AS group_key,
              sum(o.received) AS received, sum(o.received_online) AS received_online, sum(o.received_postal) AS received_postal,
              sum(o.early) AS early, sum(o.on_time) AS on_time, sum(o.late) AS late,
              sum(o.refused) AS refused, sum(o.withdrawn) AS withdrawn, sum(o.stopped) AS stopped
         FROM o JOIN units u ON u.code = o.unit_code
        GROUP BY 1`,
      params,
    ];
  }

  /**
   * Dossiers open at each instant the report needs (the period's or every
   * bucket's bounds, each once), and how many of them were past due then:
   * kept counts for the instants already past, a count through the GiST index
   * (which carries every column this reads) for those still to come.
   */
  private openQuery(scope: ReportScope, request: TimelinessRequest, groupBy: ReportGrouping | null, kept: string[], live: string[]): [string, unknown[]] {
    const params: unknown[] = [kept, live];
    const keptWhere = this.where(scope, request, 'c', 'unit_code', params);
    const liveWhere = this.where(scope, request, 'f', 'competent_unit_code', params);
    const key = this.outerKey(scope, groupBy, params);
    return [
      `WITH o AS (
         SELECT c.unit_code, ${this.innerKey(groupBy, 'c')} AS inner_key, c.at, sum(c.open) AS open, sum(c.overdue) AS overdue
           FROM open_counts c
          WHERE c.at = ANY($1::timestamptz[]) AND ${keptWhere}
          GROUP BY 1, 2, 3
         UNION ALL
         SELECT f.competent_unit_code, ${this.innerKey(groupBy, 'f')}, m.at, count(*), count(*) FILTER (WHERE f.due_at < m.at)
           FROM unnest($2::timestamptz[]) AS m(at)
           JOIN dossier_facts f ON f.open_range @> m.at
          WHERE ${liveWhere}
          GROUP BY 1, 2, 3)
       SELECT ${key} AS group_key, o.at, sum(o.open) AS open, sum(o.overdue) AS overdue
         FROM o JOIN units u ON u.code = o.unit_code
        GROUP BY 1, 2`,
      params,
    ];
  }

  private async labels(groupBy: ReportGrouping | null, keys: string[]): Promise<Map<string, string>> {
    const labels = new Map<string, string>();
    if (!groupBy) return labels;
    if (TIME_GROUPINGS.includes(groupBy)) {
      for (const key of keys) labels.set(key, periodLabel(groupBy as TimeGrouping, key));
    } else if (groupBy === 'unit') {
      const rows: { code: string; name: string }[] = await this.dataSource.query('SELECT code, name FROM units WHERE code = ANY($1)', [keys]);
      for (const row of rows) labels.set(row.code, row.name);
    } else if (groupBy === 'procedure') {
      const rows: { code: string; name: string }[] = await this.dataSource.query('SELECT code, name FROM procedures WHERE code = ANY($1)', [keys]);
      for (const row of rows) labels.set(row.code, row.name);
    } else if (groupBy === 'field') {
      for (const key of keys) labels.set(key, key ? fieldName(key as FieldCode) : 'Chưa rõ lĩnh vực');
    } else if (groupBy === 'channel') {
      for (const key of keys) labels.set(key, CHANNEL_LABELS[key] ?? key);
    }
    return labels;
  }
}

function withRate(key: string, label: string, counts: TimelinessCounts): TimelinessRow {
  const inTime = counts.finishedEarly + counts.finishedOnTime;
  const judged = inTime + counts.finishedLate;
  const onTimeRate = judged === 0 ? null : inTime / judged;
  return { key, label, ...counts, onTimeRate, onTimeRateDisplay: formatPercent(onTimeRate) };
}

/**
 * Rows of a grouping by unit, procedure… split the dossiers, so every column adds up.
 * Rows of a time grouping follow each other: the period's carried-over are the first
 * row's, and what is still in progress at its end is the last row's.
 */
function totalOf(rows: TimelinessCounts[], consecutive: boolean): TimelinessCounts {
  const total = zeroTimelinessCounts();
  for (const row of rows) for (const name of TIMELINESS_COUNT_KEYS) total[name] += row[name];
  const first = rows[0];
  const last = rows.at(-1);
  if (consecutive && first && last) {
    total.carriedOver = first.carriedOver;
    total.inProgressOnTime = last.inProgressOnTime;
    total.inProgressOverdue = last.inProgressOverdue;
  }
  return total;
}

