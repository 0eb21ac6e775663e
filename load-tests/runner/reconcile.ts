/**
 * Reconciliation after a run, from the stores themselves (an operator's tool,
 * not a service): every submission answered 2xx exists exactly once with a
 * gapless code, every outbox is empty, every JetStream consumer has caught up,
 * and the reporting projection counts what the dossier schema holds.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { vietnamDate } from '@mc/working-calendar';
import { PROVINCE_ADMIN, PROVINCE_CODE } from '../scenario/peak-hour';
import { withClient, type Tokens } from './platform';

export interface ConsumerState {
  stream: string;
  consumer: string;
  pending: number;
  ackPending: number;
  redelivered: number;
  /** Stream sequence below which everything is acknowledged. */
  ackFloor: number;
  /** The stream's last sequence when read. */
  streamLastSeq: number;
}

export interface Reconciliation {
  acceptedByClient: number;
  dossiersInDatabase: number;
  missing: string[];
  duplicated: string[];
  /** (unit, day) series whose numbers are not 1..n without holes, or whose counter is not n. */
  gaps: string[];
  outboxRows: Record<string, number>;
  consumers: ConsumerState[];
  consumersDrainedMs: number | null;
  reporting: { table: string | null; facts: number | null; distinctDossiers: number | null; dailyReceived: number | null; note: string };
  reportApi: { status: number; received: number | null } | null;
  ok: boolean;
  problems: string[];
}

async function outboxRows(databaseUrl: string): Promise<Record<string, number>> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ table_schema: string }>("SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox' ORDER BY 1");
    const counts: Record<string, number> = {};
    for (const { table_schema: schema } of rows) {
      counts[schema] = Number((await client.query(`SELECT count(*)::int AS n FROM "${schema}".outbox`)).rows[0].n);
    }
    return counts;
  });
}

export async function consumerStates(natsUrl: string, namespace: string): Promise<ConsumerState[]> {
  const nc = await connect({ servers: natsUrl, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const prefix = `${namespace.toUpperCase().replace(/-/g, '_')}_`;
    const states: ConsumerState[] = [];
    for await (const stream of jsm.streams.list()) {
      if (!stream.config.name.startsWith(prefix)) continue;
      for await (const consumer of jsm.consumers.list(stream.config.name)) {
        states.push({
          stream: stream.config.name,
          consumer: consumer.name,
          pending: consumer.num_pending,
          ackPending: consumer.num_ack_pending,
          redelivered: consumer.num_redelivered,
          ackFloor: consumer.ack_floor.stream_seq,
          streamLastSeq: stream.state.last_seq,
        });
      }
    }
    return states;
  } finally {
    await nc.close();
  }
}

interface DrainState {
  drainedMs: number | null;
  outboxes: Record<string, number>;
  consumers: ConsumerState[];
}

/**
 * Waits (up to `boundMs`) for every outbox to be empty and every consumer to
 * have nothing pending or unacknowledged; returns that moment's state, or the
 * last one seen. (Background producers such as the deadline checker may add
 * rows later; those are not stuck.)
 */
export async function waitForDrain(databaseUrl: string, natsUrl: string, namespace: string, boundMs: number): Promise<DrainState> {
  const started = Date.now();
  let last: DrainState = { drainedMs: null, outboxes: {}, consumers: [] };
  while (Date.now() - started < boundMs) {
    const outboxes = await outboxRows(databaseUrl).catch(() => null);
    const consumers = await consumerStates(natsUrl, namespace).catch(() => null);
    if (outboxes && consumers) {
      last = { drainedMs: null, outboxes, consumers };
      if (Object.values(outboxes).every((n) => n === 0) && consumers.every((c) => c.pending === 0 && c.ackPending === 0)) {
        return { ...last, drainedMs: Date.now() - started };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return last;
}

/**
 * How many dossiers the report API says the province received over the run's days; the admin's token is read at
 * call time, since it is renewed during a run. Days are Vietnam's (the report's), and a run on a fresh database
 * may cross midnight there (17:00 UTC): from yesterday to today holds every dossier of a run shorter than a day.
 */
export function provinceReceivedToday(baseUrl: string, tokens: Tokens): () => Promise<{ status: number; received: number | null }> {
  return async () => {
    const [from, to] = [vietnamDate(new Date(Date.now() - 86_400_000)), vietnamDate(new Date())];
    const response = await fetch(`${baseUrl}/api/v1/reports/timeliness?unitCode=${PROVINCE_CODE}&from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${tokens[PROVINCE_ADMIN]}` },
    });
    const body = (await response.json().catch(() => null)) as { total?: { received?: number } } | null;
    return { status: response.status, received: typeof body?.total?.received === 'number' ? body.total.received : null };
  };
}

export async function reconcile(options: {
  databaseUrl: string;
  natsUrl: string;
  namespace: string;
  accepted: Map<string, string>;
  drainBoundMs: number;
  reportApi?: () => Promise<{ status: number; received: number | null }>;
}): Promise<Reconciliation> {
  const problems: string[] = [];
  const drain = await waitForDrain(options.databaseUrl, options.natsUrl, options.namespace, options.drainBoundMs);
  const consumersDrainedMs = drain.drainedMs;
  if (consumersDrainedMs === null) problems.push(`outbox or consumers not drained within ${options.drainBoundMs} ms`);

  const result = await withClient(options.databaseUrl, async (client) => {
    const { rows } = await client.query<{ code: string; n: number }>('SELECT code, count(*)::int AS n FROM dossier.dossiers GROUP BY code');
    const inDb = new Map(rows.map((row) => [row.code, row.n]));
    const missing = [...options.accepted.keys()].filter((code) => !inDb.has(code));
    const duplicated = rows.filter((row) => row.n > 1).map((row) => row.code);
    // Gapless per receiving unit and day: numbers 1..n, and the counter says n.
    const series = new Map<string, number[]>();
    for (const { code } of rows) {
      const match = /^(.+)-(\d{6})-(\d+)$/.exec(code);
      if (!match) continue;
      const key = `${match[1]}-${match[2]}`;
      const list = series.get(key) ?? [];
      list.push(Number(match[3]));
      series.set(key, list);
    }
    const counters = await client.query<{ unit_code: string; day: string; last: number }>(
      "SELECT unit_code, to_char(day, 'YYMMDD') AS day, last FROM dossier.daily_counters",
    ).catch(() => ({ rows: [] as { unit_code: string; day: string; last: number }[] }));
    const counterOf = new Map(counters.rows.map((row) => [`${row.unit_code}-${row.day}`, row.last]));
    const gaps: string[] = [];
    for (const [key, numbers] of series) {
      numbers.sort((a, b) => a - b);
      const holes = numbers.some((value, index) => value !== index + 1);
      const counter = counterOf.get(key);
      if (holes || (counter !== undefined && counter !== numbers.length)) gaps.push(`${key}: ${numbers.length} codes, highest ${numbers[numbers.length - 1]}, counter ${counter}`);
    }
    // The reporting projection (reporting.dossier_facts, reporting.daily_stats) when it exists.
    const tables = new Set(
      (await client.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'reporting'")).rows.map((row) => row.t),
    );
    let reporting: Reconciliation['reporting'] = { table: null, facts: null, distinctDossiers: null, dailyReceived: null, note: 'reporting.dossier_facts does not exist in this build' };
    if (tables.has('dossier_facts')) {
      const columns = new Set(
        (await client.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'reporting' AND table_name = 'dossier_facts'")).rows.map((row) => row.c),
      );
      const key = columns.has('dossier_id') ? 'dossier_id' : columns.has('code') ? 'code' : null;
      const facts = Number((await client.query('SELECT count(*)::int AS n FROM reporting.dossier_facts')).rows[0].n);
      const distinct = key ? Number((await client.query(`SELECT count(DISTINCT ${key})::int AS n FROM reporting.dossier_facts`)).rows[0].n) : null;
      let dailyReceived: number | null = null;
      if (tables.has('daily_stats')) {
        const statColumns = (await client.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'reporting' AND table_name = 'daily_stats'")).rows.map((row) => row.c);
        if (statColumns.includes('received')) dailyReceived = Number((await client.query('SELECT coalesce(sum(received), 0)::int AS n FROM reporting.daily_stats')).rows[0].n);
      }
      reporting = { table: 'reporting.dossier_facts', facts, distinctDossiers: distinct, dailyReceived, note: key ? `keyed by ${key}` : 'no dossier key column found' };
    }
    return { total: rows.reduce((sum, row) => sum + row.n, 0), missing, duplicated, gaps, reporting };
  });

  const { outboxes, consumers } = drain;
  const reportApi = options.reportApi ? await options.reportApi().catch(() => null) : null;

  if (result.missing.length) problems.push(`${result.missing.length} submissions answered 2xx are not in dossier.dossiers`);
  if (result.duplicated.length) problems.push(`${result.duplicated.length} codes appear more than once`);
  if (result.gaps.length) problems.push(`${result.gaps.length} code series with gaps`);
  for (const [schema, n] of Object.entries(outboxes)) if (n) problems.push(`${n} rows stuck in ${schema}.outbox`);
  for (const consumer of consumers) if (consumer.pending || consumer.ackPending) problems.push(`consumer ${consumer.consumer} on ${consumer.stream}: ${consumer.pending} pending, ${consumer.ackPending} unacknowledged`);
  const { reporting } = result;
  if (reporting.facts !== null) {
    if (reporting.facts !== result.total) problems.push(`reporting.dossier_facts has ${reporting.facts} rows for ${result.total} dossiers`);
    if (reporting.distinctDossiers !== null && reporting.distinctDossiers !== reporting.facts) problems.push('reporting.dossier_facts counts a dossier twice');
    if (reporting.dailyReceived !== null && reporting.dailyReceived !== result.total) problems.push(`reporting.daily_stats received ${reporting.dailyReceived} ≠ ${result.total} dossiers`);
  } else {
    problems.push('reporting projection not available: not reconciled');
  }
  if (reportApi && reportApi.received !== null && reportApi.received !== result.total) problems.push(`report API says ${reportApi.received} received, the dossier schema holds ${result.total}`);

  return {
    acceptedByClient: options.accepted.size,
    dossiersInDatabase: result.total,
    missing: result.missing.slice(0, 20),
    duplicated: result.duplicated.slice(0, 20),
    gaps: result.gaps.slice(0, 20),
    outboxRows: outboxes,
    consumers,
    consumersDrainedMs,
    reporting,
    reportApi,
    ok: problems.length === 0,
    problems,
  };
}
