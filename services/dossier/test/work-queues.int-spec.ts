import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { listWorkQueueRequestSchema, parseInput, WORK_QUEUE_KINDS, type WorkQueueFilter, type WorkQueueKind } from '@mc/contracts';
import type { Principal, Role } from '@mc/auth';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, type TestDatabase } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { CountWorkQueues } from '../src/work-queues/count-work-queues';
import { ListWorkQueue } from '../src/work-queues/list-work-queue';
import { workQueueServiceForTests } from '../src/work-queues/work-queue.testing';
import { failure, PUBLISHED_VERSION, TestClock } from './support';

const NOW = new Date('2026-03-10T03:00:00Z');
const HOUR = 3_600_000;
const UNITS = { '05983': '/20/05983/', '05977': '/20/05977/', '20.STP': '/20/20.STP/' } as const;
type UnitCode = keyof typeof UNITS;
const ROLES_BY_STEP = PUBLISHED_VERSION.workflow.map((step) => step.role);
const PROCEDURES = ['1.000689', '1.001193', '2.000815'];
const OPEN_STATES = ['in_progress', 'awaiting_supplement', 'approved', 'result_ready'] as const;
const FINAL_STATES = ['returned', 'refused', 'withdrawn', 'stopped'] as const;

interface Row {
  id: string;
  code: string;
  procedure: string;
  channel: 1 | 2 | 3;
  receiving: UnitCode;
  competent: UnitCode;
  state: string;
  stepIndex: number;
  dueAt: Date;
  pausedAt: Date | null;
  finishedAt: Date | null;
}

/** Deterministic, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function generateRows(count: number): Row[] {
  const random = generator(42);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const receiving = pick(['05983', '05983', '05977'] as const);
    const competent: UnitCode = random() < 0.25 ? '20.STP' : receiving;
    const open = random() < 0.7;
    const state = open ? pick(OPEN_STATES) : pick(FINAL_STATES);
    const stepIndex = state === 'in_progress' ? Math.floor(random() * 4) : state === 'awaiting_supplement' ? 2 : 4;
    // From three days overdue to five days ahead, with some rows sharing one instant to exercise the id tie-break.
    const dueAt = index % 10 === 0 ? new Date(NOW.getTime() + 6 * HOUR) : new Date(NOW.getTime() + Math.round((random() * 8 - 3) * 24) * HOUR);
    return {
      id: randomUUID(),
      code: `${receiving}-260301-${String(index + 1).padStart(4, '0')}`,
      procedure: pick(PROCEDURES),
      channel: pick([1, 2, 3] as const),
      receiving,
      competent,
      state,
      stepIndex,
      dueAt,
      pausedAt: state === 'awaiting_supplement' ? new Date(NOW.getTime() - 24 * HOUR) : null,
      finishedAt: open ? null : new Date(NOW.getTime() - 48 * HOUR),
    };
  });
}

const staff = (role: Role, unit: UnitCode | '20', ...more: [Role, UnitCode][]): Principal => ({
  subject: randomUUID(),
  username: `${role}.${unit}`,
  kind: 'staff',
  roles: [
    { role, unit, path: unit === '20' ? '/20/' : UNITS[unit] },
    ...more.map(([extraRole, extraUnit]) => ({ role: extraRole, unit: extraUnit, path: UNITS[extraUnit] })),
  ],
  clientId: 'mot-cua-web',
});

// ---- the expectation, worked out from the rows without the service's SQL -----------------------

const readPaths = (principal: Principal) =>
  principal.roles.some((grant) => grant.role === 'province_admin') ? null : principal.roles.map((grant) => grant.path);
const under = (path: string, prefixes: string[] | null) => prefixes === null || prefixes.some((prefix) => path.startsWith(prefix));
const workUnitPath = (row: Row) => (ROLES_BY_STEP[row.stepIndex] === 'clerk' ? UNITS[row.receiving] : UNITS[row.competent]);

function expected(rows: Row[], kind: WorkQueueKind, principal: Principal, filter: WorkQueueFilter = {}): string[] {
  const paths = readPaths(principal);
  const channel = filter.channel ? { counter: 1, online: 2, postal: 3 }[filter.channel] : undefined;
  return rows
    .filter((row) => row.finishedAt === null)
    .filter((row) => under(UNITS[row.receiving], paths) || under(UNITS[row.competent], paths))
    .filter((row) => {
      const running = row.pausedAt === null;
      const due = row.dueAt.getTime();
      switch (kind) {
        case 'mine':
          return (
            running &&
            principal.roles.some((grant) => grant.role === ROLES_BY_STEP[row.stepIndex] && workUnitPath(row).startsWith(grant.path))
          );
        case 'unit':
          return under(workUnitPath(row), paths);
        case 'due_soon':
          return running && due >= NOW.getTime() && due < NOW.getTime() + 24 * HOUR;
        case 'overdue':
          return running && due < NOW.getTime();
        case 'waiting_supplement':
          return !running;
        case 'inter_agency':
          return false; // these rows share no part with an agency; services/dossier/test/inter-agency.int-spec.ts covers that queue
      }
    })
    .filter((row) => !filter.procedureCode || row.procedure === filter.procedureCode)
    .filter((row) => channel === undefined || row.channel === channel)
    .filter((row) => !filter.receivingUnitCode || row.receiving === filter.receivingUnitCode)
    .filter((row) => !filter.state || row.state === filter.state)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => row.id);
}

// ---- the service ---------------------------------------------------------------------------------

describe('dossier work queues', () => {
  let database: TestDatabase;
  let service: RunningService;
  let namespace: string;
  let list: ListWorkQueue;
  let counts: CountWorkQueues;
  const rows = generateRows(240);

  const clerkA = staff('clerk', '05983');
  const clerkB = staff('clerk', '05977');
  const specialistA = staff('specialist', '05983');
  const departmentLeader = staff('leader', '20.STP');
  const twoHats = staff('clerk', '05977', ['specialist', '05983']);
  const admin = staff('province_admin', '20');
  const callers: [string, Principal][] = [
    ['clerk of 05983', clerkA],
    ['clerk of 05977', clerkB],
    ['specialist of 05983', specialistA],
    ['leader of the department', departmentLeader],
    ['clerk of 05977 and specialist of 05983', twoHats],
    ['province admin', admin],
  ];

  /** Every page of a queue, checking each page's size and that no dossier comes twice. */
  async function everyPage(kind: WorkQueueKind, principal: Principal, filter: WorkQueueFilter = {}, limit = 7): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1_000; page += 1) {
      const result = await list.execute({ queue: kind, ...filter, limit, cursor }, principal);
      expect(result.items.length).toBeLessThanOrEqual(limit);
      seen.push(...result.items.map((item) => item.id));
      if (!result.nextCursor) return seen;
      expect(result.items).toHaveLength(limit);
      cursor = result.nextCursor;
    }
    throw new Error('pagination did not end');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    namespace = testNamespace();
    const clock = new TestClock();
    clock.set(NOW.toISOString());
    service = await startBusService(workQueueServiceForTests(clock), {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    list = service.app.get(ListWorkQueue);
    counts = service.app.get(CountWorkQueues);
    const dataSource = service.app.get(DataSource);
    for (const row of rows) {
      await dataSource.query(
        `INSERT INTO dossiers (id, code, tracking_token, procedure_code, procedure_version, procedure_name, processing_time, workflow,
                               channel, receiving_unit_code, receiving_unit_path, competent_unit_code, competent_unit_path, applicant,
                               components, return_method, state, step_index, step_started_at, received_at, due_at, paused_at,
                               statutory_working_ms, finished_at)
         VALUES ($1, $2, 'token', $3, 1, 'Đăng ký kết hôn', '{}', $4, $5, $6, $7, $8, $9,
                 '{"kind": "individual", "fullName": "Hoàng Văn Nam"}', '[]', 'counter', $10, $11, $12, $12, $13, $14, 86400000, $15)`,
        [
          row.id,
          row.code,
          row.procedure,
          JSON.stringify(PUBLISHED_VERSION.workflow),
          row.channel,
          row.receiving,
          UNITS[row.receiving],
          row.competent,
          UNITS[row.competent],
          row.state,
          row.stepIndex,
          new Date(NOW.getTime() - 72 * HOUR),
          row.dueAt,
          row.pausedAt,
          row.finishedAt,
        ],
      );
    }
  });

  afterAll(async () => {
    await service?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  it('has rows in every queue for the callers, so the comparisons below are not vacuous', () => {
    // The province admin holds no step's role: nothing is "mine" for it.
    expect(expected(rows, 'mine', admin)).toEqual([]);
    for (const kind of WORK_QUEUE_KINDS.filter((kind) => kind !== 'mine' && kind !== 'inter_agency')) {
      expect(expected(rows, kind, admin).length).toBeGreaterThan(3);
    }
    expect(expected(rows, 'mine', clerkA).length).toBeGreaterThan(3);
    expect(expected(rows, 'mine', departmentLeader).length).toBeGreaterThan(0);
  });

  it.each(callers)('returns exactly the expected dossiers of each queue, in due order, for the %s', async (_name, principal) => {
    for (const kind of WORK_QUEUE_KINDS) {
      expect({ kind, ids: await everyPage(kind, principal) }).toEqual({ kind, ids: expected(rows, kind, principal) });
    }
  });

  it.each<[string, WorkQueueFilter]>([
    ['procedure', { procedureCode: '1.001193' }],
    ['procedure and channel', { procedureCode: '1.000689', channel: 'online' }],
    ['receiving unit and state', { receivingUnitCode: '05983', state: 'approved' }],
    ['all four', { procedureCode: '2.000815', channel: 'counter', receivingUnitCode: '05977', state: 'in_progress' }],
  ])('combines the filters (%s)', async (_name, filter) => {
    for (const principal of [clerkA, admin]) {
      for (const kind of WORK_QUEUE_KINDS) {
        expect({ kind, ids: await everyPage(kind, principal, filter, 3) }).toEqual({ kind, ids: expected(rows, kind, principal, filter) });
      }
    }
  });

  it('visits every dossier of a queue once across pages of any size', async () => {
    const all = expected(rows, 'unit', admin);
    for (const limit of [1, 2, 5, 50, 100]) {
      const ids = await everyPage('unit', admin, {}, limit);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(all);
    }
  });

  it("never shows a clerk of 05977 a dossier of 05983's alone", async () => {
    const own = new Set(rows.filter((row) => row.receiving === '05977' || row.competent === '05977').map((row) => row.id));
    for (const kind of WORK_QUEUE_KINDS) {
      const ids = await everyPage(kind, clerkB, {}, 100);
      expect(ids.filter((id) => !own.has(id))).toEqual([]);
      const page = await list.execute({ queue: kind, limit: 100 }, clerkB);
      for (const item of page.items) expect([item.receivingUnitCode, item.competentUnitCode]).toContain('05977');
    }
  });

  it.each(callers)('counts each queue as its list has dossiers, for the %s', async (_name, principal) => {
    const answer = await counts.execute({}, principal);
    for (const kind of WORK_QUEUE_KINDS) expect({ kind, count: answer[kind] }).toEqual({ kind, count: expected(rows, kind, principal).length });
    const filtered = await counts.execute({ channel: 'online', state: 'in_progress' }, principal);
    for (const kind of WORK_QUEUE_KINDS) {
      expect({ kind, count: filtered[kind] }).toEqual({ kind, count: expected(rows, kind, principal, { channel: 'online', state: 'in_progress' }).length });
    }
    expect(answer.asOf).toBe(NOW.toISOString());
  });

  it('describes each dossier as the queue screen shows it', async () => {
    const page = await list.execute({ queue: 'overdue', limit: 1 }, admin);
    const [item] = page.items;
    const row = rows.find((candidate) => candidate.id === item?.id)!;
    expect(item).toMatchObject({
      code: row.code,
      procedure: { code: row.procedure, name: 'Đăng ký kết hôn' },
      applicantName: 'Hoàng Văn Nam',
      state: row.state,
      currentStep: { key: PUBLISHED_VERSION.workflow[row.stepIndex]!.key, role: ROLES_BY_STEP[row.stepIndex] },
      dueAt: row.dueAt.toISOString(),
      overdue: true,
    });
  });

  it('moves a dossier to the next queue when its step changes, without the writer knowing the queues', async () => {
    const dataSource = service.app.get(DataSource);
    const row = rows.find((candidate) => candidate.state === 'in_progress' && candidate.stepIndex === 0 && candidate.competent === '20.STP')!;
    const before = await everyPage('mine', departmentLeader, {}, 100);
    expect(before).not.toContain(row.id);
    await dataSource.query('UPDATE dossiers SET step_index = 3 WHERE id = $1', [row.id]);
    try {
      expect(await everyPage('mine', departmentLeader, {}, 100)).toContain(row.id);
    } finally {
      await dataSource.query('UPDATE dossiers SET step_index = 0 WHERE id = $1', [row.id]);
    }
  });

  it('refuses a citizen, a tampered cursor and a page over 100', async () => {
    const citizen: Principal = { subject: randomUUID(), username: 'dan', kind: 'citizen', roles: [{ role: 'citizen', unit: '', path: '' }], clientId: 'web' };
    expect((await failure(list.execute({ queue: 'mine' }, citizen))).code).toBe('FORBIDDEN');
    expect((await failure(counts.execute({}, citizen))).code).toBe('FORBIDDEN');
    expect((await failure(list.execute({ queue: 'unit', cursor: 'not-a-cursor' }, admin))).code).toBe('VALIDATION_FAILED');
    const forged = Buffer.from(JSON.stringify({ dueAt: "2026-01-01'; --", id: 'x' })).toString('base64url');
    expect((await failure(list.execute({ queue: 'unit', cursor: forged }, admin))).code).toBe('VALIDATION_FAILED');
    expect(() => parseInput(listWorkQueueRequestSchema, { queue: 'unit', limit: 101 })).toThrow();
    expect(() => parseInput(listWorkQueueRequestSchema, { queue: 'later' })).toThrow();
    expect(parseInput(listWorkQueueRequestSchema, { queue: 'unit', limit: '25', channel: '' })).toEqual({ queue: 'unit', limit: 25 });
  });
});
