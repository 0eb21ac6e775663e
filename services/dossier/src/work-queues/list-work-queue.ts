import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppError,
  DOSSIER_CHANNELS,
  DOSSIER_STATE_LABELS,
  MAX_WORK_QUEUE_LIMIT,
  type DossierChannel,
  type DossierState,
  type ListWorkQueueRequest,
  type ReturnMethod,
  type WorkQueueItem,
  type WorkQueuePage,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '../clock';
import { displayInstant } from '../dossiers/display';
import { filterSql, needsVisibility, queueSql, scopeOf, SqlParams, visibleSql } from './work-queue-scope';

const DEFAULT_LIMIT = 20;

interface QueueRow {
  id: string;
  code: string;
  procedure_code: string;
  procedure_name: string;
  channel: number;
  receiving_unit_code: string;
  competent_unit_code: string;
  applicant_name: string | null;
  state: DossierState;
  step: { key: string; name: string; role: string } | null;
  received_at: Date;
  due_at: Date;
  /** due_at to the microsecond, as the cursor must carry it. */
  due_key: string;
  step_due_at: Date | null;
  return_method: ReturnMethod;
}

interface Cursor {
  dueAt: string;
  id: string;
}

const CHANNEL_BY_CODE = Object.fromEntries(Object.entries(DOSSIER_CHANNELS).map(([name, code]) => [code, name])) as Record<
  number,
  DossierChannel
>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DUE_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor(value: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof cursor.dueAt === 'string' && DUE_KEY.test(cursor.dueAt) && typeof cursor.id === 'string' && UUID.test(cursor.id)) {
      return { dueAt: cursor.dueAt, id: cursor.id };
    }
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw new AppError('VALIDATION_FAILED', 'Con trỏ trang không hợp lệ; hãy tải lại hàng đợi từ trang đầu.', {
    issues: [{ path: 'cursor', message: 'Không hợp lệ' }],
  });
}

/**
 * One page of a work queue, in due order (then id), with a keyset cursor: a
 * page costs the same on page 1 and page 500, and a dossier that moves while
 * the clerk pages is neither shown twice nor skipped among those that stay.
 */
@Injectable()
export class ListWorkQueue {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ListWorkQueueRequest, principal: Principal): Promise<WorkQueuePage> {
    const { sql, values } = this.query(input, principal);
    const limit = input.limit ?? DEFAULT_LIMIT;
    const rows: QueueRow[] = await this.dataSource.query(sql, values);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const now = this.clock.now();
    return {
      queue: input.queue,
      items: page.map((row) => toItem(row, now)),
      nextCursor: rows.length > limit && last ? encodeCursor({ dueAt: last.due_key, id: last.id }) : null,
    };
  }

  /** The statement and its parameters; the benchmark prints its plan. */
  query(input: ListWorkQueueRequest, principal: Principal): { sql: string; values: unknown[] } {
    const scope = scopeOf(principal);
    const params = new SqlParams();
    const where = ['finished_at IS NULL', queueSql(input.queue, scope, this.clock.now(), params)];
    if (needsVisibility(input.queue)) where.push(visibleSql(scope, params));
    where.push(...filterSql(input, params));
    if (input.cursor) {
      const cursor = decodeCursor(input.cursor);
      where.push(`(due_at, id) > (${params.add(cursor.dueAt)}::timestamptz, ${params.add(cursor.id)}::uuid)`);
    }
    const limit = Math.min(input.limit ?? DEFAULT_LIMIT, MAX_WORK_QUEUE_LIMIT);
    // Two phases: the page's ids first, from conditions that all lie in the
    // covering index (an index-only scan filters there without visiting the
    // table), then the rows of that page alone. In one statement, a rare filter
    // (one procedure, online) fetched thousands of rows to keep 50 (docs/benchmarks.md).
    const sql = `
      WITH page AS (
        SELECT id, due_at
          FROM dossiers
         WHERE ${where.join('\n           AND ')}
         ORDER BY due_at, id
         LIMIT ${params.add(limit + 1)}
      )
      SELECT d.id, d.code, d.procedure_code, d.procedure_name, d.channel, d.receiving_unit_code, d.competent_unit_code,
             coalesce(d.applicant ->> 'fullName', d.applicant ->> 'name') AS applicant_name, d.state,
             CASE WHEN d.finished_at IS NULL THEN d.workflow -> d.step_index END AS step,
             d.received_at, d.due_at, d.step_due_at, d.return_method,
             to_char(d.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS due_key
        FROM page JOIN dossiers d ON d.id = page.id
       ORDER BY page.due_at, page.id`;
    return { sql, values: params.values };
  }
}

function toItem(row: QueueRow, now: Date): WorkQueueItem {
  const dueAt = new Date(row.due_at);
  return {
    id: row.id,
    code: row.code,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    channel: CHANNEL_BY_CODE[row.channel] ?? 'counter',
    receivingUnitCode: row.receiving_unit_code,
    competentUnitCode: row.competent_unit_code,
    applicantName: row.applicant_name ?? '',
    state: row.state,
    stateLabel: DOSSIER_STATE_LABELS[row.state],
    currentStep: row.step ? { key: row.step.key, name: row.step.name, role: row.step.role } : null,
    receivedAt: new Date(row.received_at).toISOString(),
    dueAt: dueAt.toISOString(),
    dueAtDisplay: displayInstant(dueAt),
    stepDueAt: row.step_due_at ? new Date(row.step_due_at).toISOString() : null,
    overdue: row.state !== 'awaiting_supplement' && dueAt.getTime() < now.getTime(),
    returnMethod: row.return_method,
  };
}
