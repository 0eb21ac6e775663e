import { AppError, DOSSIER_CHANNELS, DUE_SOON_HOURS, type WorkQueueFilter, type WorkQueueKind } from '@mc/contracts';
import { POLICY, type Principal } from '@mc/auth';

/**
 * SQL conditions of the work queues, with their parameters. Every prefix is its
 * own `LIKE $n` rather than one `LIKE ANY($1)`: the planner turns only a single
 * constant prefix into a range on a `text_pattern_ops` index; an array of
 * patterns is a filter applied to every open dossier (measured: see docs/benchmarks.md).
 */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

export interface CallerScope {
  /** Null: the whole province. */
  readPaths: string[] | null;
  /** The (role, unit path) pairs the caller may act as at a step. */
  stepGrants: { role: string; path: string }[];
}

/** What the caller may see: the subtrees of grants carrying `dossier.read`; a citizen has no work queue. */
export function scopeOf(principal: Principal): CallerScope {
  const readGrants = principal.roles.filter((grant) => {
    const scope = POLICY[grant.role]?.['dossier.read'];
    return scope === 'subtree' || scope === 'province';
  });
  if (readGrants.length === 0) {
    throw new AppError('FORBIDDEN', 'Bạn không có vai trò xử lý hồ sơ nên không có hàng đợi công việc.');
  }
  const province = readGrants.some((grant) => POLICY[grant.role]?.['dossier.read'] === 'province');
  // A path inside another granted path adds nothing and only lengthens the OR.
  const paths = [...new Set(readGrants.map((grant) => grant.path))];
  const readPaths = paths.filter((path) => !paths.some((other) => other !== path && path.startsWith(other)));
  return {
    readPaths: province ? null : readPaths,
    stepGrants: readGrants.filter((grant) => POLICY[grant.role]?.['dossier.read'] === 'subtree').map(({ role, path }) => ({ role, path })),
  };
}

const anyOf = (parts: string[]) => (parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`);

/** Receiving or competent unit in one of the caller's subtrees. */
export function visibleSql(scope: CallerScope, params: SqlParams): string {
  if (scope.readPaths === null) return 'true';
  return anyOf(
    scope.readPaths.flatMap((path) => {
      const pattern = params.add(likePrefix(path));
      return [`receiving_unit_path LIKE ${pattern}`, `competent_unit_path LIKE ${pattern}`];
    }),
  );
}

export function queueSql(kind: WorkQueueKind, scope: CallerScope, now: Date, params: SqlParams): string {
  switch (kind) {
    case 'mine':
      // A dossier waiting for the applicant is nobody's to act on until the supplement comes in.
      return `paused_at IS NULL AND ${anyOf(
        scope.stepGrants.map((grant) => `(work_unit_path LIKE ${params.add(likePrefix(grant.path))} AND work_role = ${params.add(grant.role)})`),
      )}`;
    case 'unit':
      return scope.readPaths === null
        ? 'true'
        : anyOf(scope.readPaths.map((path) => `work_unit_path LIKE ${params.add(likePrefix(path))}`));
    case 'due_soon': {
      const from = params.add(now);
      return `paused_at IS NULL AND due_at >= ${from} AND due_at < ${params.add(new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000))}`;
    }
    case 'overdue':
      // The clock is stopped while a supplement is awaited: such a dossier is not the agency's delay.
      return `paused_at IS NULL AND due_at < ${params.add(now)}`;
    case 'waiting_supplement':
      return 'paused_at IS NOT NULL';
    case 'inter_agency': {
      // The agency is neither the receiving nor the competent unit: its own part is what puts the dossier in its scope.
      const agency = scope.readPaths === null ? 'true' : anyOf(scope.readPaths.map((path) => `unit_path LIKE ${params.add(likePrefix(path))}`));
      return `id IN (SELECT dossier_id FROM dossier_sub_handlings WHERE state IN ('assigned', 'in_progress') AND ${agency})`;
    }
  }
}

/** `mine`, `unit` and `inter_agency` lie inside the caller's scope by construction; the other queues need it spelled out. */
export const needsVisibility = (kind: WorkQueueKind) => kind !== 'mine' && kind !== 'unit' && kind !== 'inter_agency';

export function filterSql(filter: WorkQueueFilter, params: SqlParams): string[] {
  const parts: string[] = [];
  if (filter.procedureCode) parts.push(`procedure_code = ${params.add(filter.procedureCode)}`);
  if (filter.channel) parts.push(`channel = ${params.add(DOSSIER_CHANNELS[filter.channel])}`);
  if (filter.receivingUnitCode) parts.push(`receiving_unit_code = ${params.add(filter.receivingUnitCode)}`);
  if (filter.state) parts.push(`state = ${params.add(filter.state)}`);
  return parts;
}
